import { useEffect, useRef, useState } from "react";
import { ErrorBanner, Spinner } from "../components/ui";
import { ProposalCard } from "./ProposalCard";
import { UsageLine } from "./UsageLine";
import { type LiveTurn, useAssistant } from "./useAssistant";
import "./assistant.css";

interface Props {
  hidden: boolean;
  slug: string;
  templateId: string;
  /** The blank open in the editor: sent as the hint. */
  blank: string | undefined;
  saved: Record<string, string>;
  dirty: ReadonlySet<string>;
  /** Blanks saved into the draft by an accept or an undo. */
  onSaved(files: Record<string, string>, revision: string): void;
  onOpen(path: string): void;
}

const DOCS = "https://github.com/sandlot/sandlot/blob/main/docs/ai.md";

/**
 * The assistant beside the editor: the conversation (kept on the server), the live turn streaming
 * in, repair progress, each proposal as per-blank diffs with Accept / Reject, a stop button,
 * first-prompt suggestions, and the month's usage.
 */
export function AssistantPane(props: Props) {
  const ai = useAssistant(props.slug);
  const [input, setInput] = useState("");
  const end = useRef<HTMLDivElement>(null);
  const liveText = ai.live?.text ?? "";
  const count = ai.messages.length;

  // Keep the newest part of the conversation in view as it streams.
  useEffect(() => {
    if (count > 0 || liveText) end.current?.scrollIntoView?.({ block: "end" });
  }, [count, liveText]);

  const submit = (text: string): void => {
    const message = text.trim();
    if (!message || ai.busy) return;
    setInput("");
    void ai.send(message, props.blank);
  };

  if (!ai.status) {
    return (
      <section className="assistant-pane" aria-label="Assistant" hidden={props.hidden}>
        {ai.statusError ? <ErrorBanner error={ai.statusError} /> : <Spinner label="Loading the assistant" />}
      </section>
    );
  }
  const { status } = ai;
  const suggestions = status.suggestions[props.templateId] ?? [];

  return (
    <section className="assistant-pane" aria-label="Assistant" data-testid="assistant-pane" hidden={props.hidden}>
      <header className="ai-head">
        <h2 className="editor-title">Assistant</h2>
        {status.configured && <UsageLine usage={status.usage} />}
      </header>
      {!status.configured ? (
        <div className="ai-off" data-testid="ai-off">
          <p>
            <strong>The AI assistant is not set up on this platform.</strong> Everything else works: edit your blanks in
            the Code tab, preview and publish as usual.
          </p>
          <p>
            To turn it on, the operator sets <code>AI_PROVIDER</code>, <code>AI_MODEL</code> (and a key or a local model
            server). See{" "}
            <a href={DOCS} target="_blank" rel="noopener noreferrer">
              docs/ai.md
            </a>
            .
          </p>
        </div>
      ) : (
        <>
          <div className="ai-log" aria-live="polite" aria-busy={ai.busy}>
            {ai.messages.length === 0 && !ai.live && (
              <div className="ai-empty">
                <p>
                  Describe what you want changed. The assistant edits only your blanks, and you review every change.
                </p>
                <ul className="ai-suggestions">
                  {suggestions.map((s) => (
                    <li key={s}>
                      <button type="button" className="chip" onClick={() => submit(s)}>
                        {s}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {ai.messages.map((m) =>
              m.role === "user" ? (
                <p key={m.id} className="ai-msg ai-msg-user">
                  {m.text}
                </p>
              ) : (
                <div key={m.id} className="ai-msg ai-msg-assistant">
                  {m.text && <p>{m.text}</p>}
                  {m.error && <p className="ai-error">{m.error}</p>}
                  {m.proposal?.files && (
                    <ProposalCard
                      slug={props.slug}
                      id={m.proposal.id}
                      files={m.proposal.files}
                      status={m.proposal.status}
                      rounds={m.proposal.rounds}
                      saved={props.saved}
                      dirty={props.dirty}
                      onSaved={props.onSaved}
                      onDecided={() => undefined}
                      onOpen={props.onOpen}
                    />
                  )}
                </div>
              ),
            )}
            {ai.live && <LiveTurnView turn={ai.live} />}
            <div ref={end} />
          </div>
          <form
            className="ai-form"
            onSubmit={(e) => {
              e.preventDefault();
              submit(input);
            }}
          >
            <label htmlFor="ai-input" className="visually-hidden">
              Ask the assistant
            </label>
            <textarea
              id="ai-input"
              className="input ai-input"
              rows={2}
              value={input}
              maxLength={4000}
              placeholder={props.blank ? `Ask for a change (you are on ${props.blank})` : "Ask for a change"}
              onChange={(e) => setInput(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.shiftKey) {
                  e.preventDefault();
                  submit(input);
                }
              }}
            />
            {ai.busy ? (
              <button type="button" className="btn" onClick={ai.stop} data-testid="ai-stop">
                Stop
              </button>
            ) : (
              <button type="submit" className="btn btn-primary" disabled={input.trim() === ""} data-testid="ai-send">
                Send
              </button>
            )}
          </form>
        </>
      )}
    </section>
  );
}

function LiveTurnView({ turn }: { turn: LiveTurn }) {
  return (
    <>
      <p className="ai-msg ai-msg-user">{turn.message}</p>
      <div className="ai-msg ai-msg-assistant" data-testid="ai-live">
        {turn.notice && <p className="ai-warn">{turn.notice}</p>}
        {turn.text && <p data-testid="ai-live-text">{turn.text}</p>}
        {turn.writing.length > 0 && <p className="ai-muted">Writing {[...new Set(turn.writing)].join(", ")}…</p>}
        {turn.refused.map((r) => (
          <p key={r} className="ai-muted">
            Not allowed: {r}
          </p>
        ))}
        {turn.repairs.map((r) => (
          <p key={r.round} className="ai-muted" data-testid="ai-repair">
            Fixing (round {r.round}):{" "}
            {r.problems[0] ? `${r.problems[0].file}:${r.problems[0].line} ${r.problems[0].message}` : ""}
          </p>
        ))}
        {turn.building && <Spinner small label="Checking that it builds" />}
        {turn.error && <p className="ai-error">{turn.error}</p>}
        {turn.state === "stopped" && <p className="ai-muted">Stopped.</p>}
        {turn.state === "streaming" && !turn.building && !turn.text && <Spinner small label="Thinking" />}
      </div>
    </>
  );
}
