/**
 * Tabs (WAI-ARIA tabs pattern, automatic activation): one tab stop for the whole list (roving
 * tabindex: only the selected tab is in the Tab order), ArrowLeft/ArrowRight (ArrowUp/ArrowDown
 * when vertical) move to and select the previous/next tab, wrapping; Home and End the first and
 * last. The one tabs primitive of the studio; `tabPanel` gives a panel its matching attributes.
 */
import { type JSX, type KeyboardEvent, type ReactNode, useRef } from "react";

export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
}

interface Props<T extends string> {
  /** Prefix of the tabs' and panels' element ids (unique on the page, e.g. from useId). */
  idBase: string;
  label: string;
  tabs: ReadonlyArray<TabItem<T>>;
  selected: T;
  onSelect(id: T): void;
  className?: string;
  tabClassName?: string;
  orientation?: "horizontal" | "vertical";
  /** Whether each tab names a panel made with `tabPanel` (aria-controls). */
  withPanels?: boolean;
}

const tabId = (base: string, id: string): string => `${base}-tab-${id}`;
const panelId = (base: string, id: string): string => `${base}-panel-${id}`;

export function TabList<T extends string>(props: Props<T>): JSX.Element {
  const { idBase, label, tabs, selected, onSelect, orientation = "horizontal" } = props;
  const list = useRef<HTMLDivElement>(null);

  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const prev = orientation === "vertical" ? "ArrowUp" : "ArrowLeft";
    const next = orientation === "vertical" ? "ArrowDown" : "ArrowRight";
    const at = tabs.findIndex((t) => t.id === selected);
    let to: number | null = null;
    if (e.key === prev) to = at - 1;
    else if (e.key === next) to = at + 1;
    else if (e.key === "Home") to = 0;
    else if (e.key === "End") to = tabs.length - 1;
    if (to === null) return;
    e.preventDefault();
    const target = tabs[(to + tabs.length) % tabs.length];
    if (!target) return;
    onSelect(target.id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(idBase, target.id))}`)?.focus();
  };

  return (
    <div
      ref={list}
      role="tablist"
      aria-label={label}
      aria-orientation={orientation}
      className={props.className}
      onKeyDown={onKey}
    >
      {tabs.map((t) => (
        <button
          key={t.id}
          id={tabId(idBase, t.id)}
          type="button"
          role="tab"
          aria-selected={t.id === selected}
          aria-controls={props.withPanels ? panelId(idBase, t.id) : undefined}
          tabIndex={t.id === selected ? 0 : -1}
          className={props.tabClassName}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** Attributes for the panel of tab `id` (it takes focus as one stop after the tab list). */
export function tabPanel(
  idBase: string,
  id: string,
): { role: "tabpanel"; id: string; "aria-labelledby": string; tabIndex: 0 } {
  return { role: "tabpanel", id: panelId(idBase, id), "aria-labelledby": tabId(idBase, id), tabIndex: 0 };
}
