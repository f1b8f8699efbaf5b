/**
 * A menu button (WAI-ARIA menu pattern): the button says it opens a menu and whether it is open;
 * Enter, Space or ArrowDown open it on the first item, ArrowUp on the last; ArrowUp/ArrowDown,
 * Home and End move between items; Escape closes it and gives focus back to the button; Tab or a
 * click outside closes it. Choosing an item closes the menu, returns focus, then runs the item.
 * The one menu primitive of the studio: the account menu and the versions menu are built on it.
 */
import { type JSX, type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";

export interface MenuItem {
  key: string;
  label: ReactNode;
  onSelect(): void;
  disabled?: boolean;
}

/** Items under a heading (a version's actions, say). */
export interface MenuGroup {
  key: string;
  label: ReactNode;
  items: MenuItem[];
}

interface Props {
  /** What the button shows. */
  button: ReactNode;
  /** The menu's accessible name (and the button's, when `button` is not text). */
  label: string;
  entries: ReadonlyArray<MenuItem | MenuGroup>;
  buttonClassName?: string;
  panelClassName?: string;
  /** Text, states or errors above the items (read as the menu's description). */
  header?: ReactNode;
  align?: "left" | "right";
  testId?: string;
  className?: string;
}

const isGroup = (e: MenuItem | MenuGroup): e is MenuGroup => "items" in e;

/** The items a key can move to: enabled ones, in document order. */
function menuItems(list: HTMLElement | null): HTMLElement[] {
  return [...(list?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])].filter(
    (el) => el.getAttribute("aria-disabled") !== "true",
  );
}

export function Menu(props: Props): JSX.Element {
  const { button, label, entries, buttonClassName = "btn", panelClassName = "", header, align = "left" } = props;
  const [open, setOpen] = useState(false);
  const [focusOn, setFocusOn] = useState<"first" | "last">("first");
  const ids = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);

  const items = (): HTMLElement[] => menuItems(list.current);

  // Focus goes to the first (or last) item on opening, or as soon as items arrive (a list that was
  // still loading), unless it is on an item already.
  const count = entries.length;
  useEffect(() => {
    if (!open || count === 0 || list.current?.contains(document.activeElement)) return;
    const all = menuItems(list.current);
    (focusOn === "last" ? all.at(-1) : all[0])?.focus();
  }, [open, focusOn, count]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent): void => {
      if (e.target instanceof Node && !root.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  const openAt = (where: "first" | "last"): void => {
    setFocusOn(where);
    setOpen(true);
  };
  const close = (): void => {
    setOpen(false);
    trigger.current?.focus();
  };

  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if (e.key === "Escape" && open) {
      // Open with nothing to focus yet (still loading): Escape still closes it.
      e.preventDefault();
      setOpen(false);
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      openAt(e.key === "ArrowUp" ? "last" : "first");
    }
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number): void => {
      e.preventDefault();
      all[(i + all.length) % all.length]?.focus();
    };
    if (e.key === "ArrowDown") go(at + 1);
    else if (e.key === "ArrowUp") go(at < 0 ? -1 : at - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(-1);
    else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === "Tab") setOpen(false);
  };

  const item = (it: MenuItem): JSX.Element => (
    <button
      key={it.key}
      type="button"
      role="menuitem"
      tabIndex={-1}
      className="menu-item"
      aria-disabled={it.disabled ? "true" : undefined}
      onClick={() => {
        if (it.disabled) return;
        close();
        it.onSelect();
      }}
    >
      {it.label}
    </button>
  );

  return (
    <div className={`menu ${props.className ?? ""}`} ref={root}>
      <button
        ref={trigger}
        type="button"
        className={buttonClassName}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${ids}-menu` : undefined}
        aria-label={typeof button === "string" ? undefined : label}
        data-testid={props.testId}
        onClick={() => (open ? setOpen(false) : openAt("first"))}
        onKeyDown={onButtonKey}
      >
        {button}
      </button>
      {open && (
        <div className={`menu-panel ${align === "right" ? "menu-panel-right" : ""} ${panelClassName}`}>
          {header && <div id={`${ids}-desc`}>{header}</div>}
          <div
            ref={list}
            id={`${ids}-menu`}
            role="menu"
            aria-label={label}
            aria-describedby={header ? `${ids}-desc` : undefined}
            className="menu-list"
            onKeyDown={onMenuKey}
          >
            {entries.map((e) =>
              isGroup(e) ? (
                // biome-ignore lint/a11y/useSemanticElements: ARIA's menu group, not a form fieldset
                <div key={e.key} role="group" aria-labelledby={`${ids}-${e.key}`} className="menu-group">
                  <span id={`${ids}-${e.key}`} className="menu-group-label">
                    {e.label}
                  </span>
                  <span className="menu-group-items">{e.items.map(item)}</span>
                </div>
              ) : (
                item(e)
              ),
            )}
          </div>
        </div>
      )}
    </div>
  );
}
