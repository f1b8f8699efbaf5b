import type { Problem } from "../../lib/api";

interface Props {
  title: string;
  message?: string;
  problems: Problem[];
  isJumpable(file: string): boolean;
  onJump(p: Problem): void;
  onDismiss?: () => void;
  testId?: string;
}

/** Problems as `file:line message`; blank files are buttons that jump to the line. All text (T27). */
export function ProblemList({ title, message, problems, isJumpable, onJump, onDismiss, testId }: Props) {
  return (
    <section className="problems" aria-label={title} data-testid={testId}>
      <div className="problems-head">
        <h3>
          {title}
          {problems.length > 0 && <span className="badge badge-bad">{problems.length}</span>}
        </h3>
        {onDismiss && (
          <button
            type="button"
            className="banner-close"
            onClick={onDismiss}
            aria-label={`Dismiss ${title.toLowerCase()}`}
          >
            ×
          </button>
        )}
      </div>
      {message && problems.length === 0 && <p className="problems-message">{message}</p>}
      <ul>
        {problems.map((p, i) => {
          const where = `${p.file}:${p.line}`;
          const body = (
            <>
              <span className="problem-where mono">{where}</span>
              <span className="problem-msg">{p.message}</span>
            </>
          );
          return (
            <li key={`${where}-${i}`}>
              {isJumpable(p.file) ? (
                <button
                  type="button"
                  className="problem problem-jump"
                  onClick={() => onJump(p)}
                  title={`Go to ${where}`}
                >
                  {body}
                </button>
              ) : (
                <div className="problem">{body}</div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
