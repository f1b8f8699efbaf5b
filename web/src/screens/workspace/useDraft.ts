/**
 * The workspace's draft: the app and its blanks as saved (with the revision saves send as
 * If-Match), the editor's copy of them, what differs, the copy kept in this browser until saved,
 * and the conflict a stale save runs into. Everything that writes the draft on the server (save,
 * reset a blank, restore a version, the assistant's accept and undo) ends in `applySaved`.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { api, ApiError, type AppSummary, type Blank, type StudioTypes } from "../../lib/api";
import { dropEdits, keepEdits, keptEdits, type KeptEdits } from "../../lib/unsaved";
import { dirtyPaths } from "../../lib/workspace";
import { loadTemplate } from "../../preview/template-source";
import type { TemplatePayload } from "../../preview/worker-protocol";
import type { Conflict } from "./ConflictDialog";

export interface Loaded {
  app: AppSummary;
  blanks: Blank[];
  saved: Record<string, string>;
  /** The draft revision `saved` is; saves send it as If-Match. */
  revision: string;
  template: TemplatePayload | null;
  templateNote: string | null;
}

export interface Draft {
  loaded: Loaded | null;
  loadError: unknown;
  load(): Promise<void>;
  /** The editor's blanks, unsaved edits included. */
  draft: Record<string, string>;
  edit(path: string, content: string): void;
  dirty: string[];
  saving: boolean;
  saveError: unknown;
  setSaveError(err: unknown): void;
  savedAt: number | null;
  save(): Promise<boolean>;
  /** Blanks the server saved (at `revision`): both the saved copy and the editor take them. */
  applySaved(files: Record<string, string>, revision: string): void;
  resetBlank(path: string): Promise<void>;
  setApp(update: (app: AppSummary) => AppSummary): void;
  /** Edits kept in this browser from before a reload or crash, offered back. */
  restorable: KeptEdits | null;
  restoreKept(): void;
  discardKept(): void;
  conflict: Conflict | null;
  keepMine(): Promise<void>;
  takeTheirs(): void;
  closeConflict(): void;
}

export function useDraft(slug: string): Draft {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [restorable, setRestorable] = useState<KeptEdits | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      // `files` holds exactly the template's blanks (saved content or the template's default).
      const [{ app }, { files: saved, blanks, revision }] = await Promise.all([
        api<StudioTypes["app"]>("GET", `/api/apps/${encodeURIComponent(slug)}`),
        api<StudioTypes["files"]>("GET", `/api/apps/${encodeURIComponent(slug)}/files`),
      ]);
      // Without the template the blanks can still be edited, saved and published (the server
      // builds); only the live preview needs it, so its failure is shown there.
      let template: TemplatePayload | null = null;
      let templateNote: string | null = null;
      try {
        template = await loadTemplate(app.template);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        templateNote = `The template could not be loaded, so there is no live preview. ${reason} Reload to try again.`;
      }
      setLoaded({ app, blanks, saved, revision, template, templateNote });
      setDraft(saved);
      // Edits this browser kept but never saved (a reload, a crash): offered back, not applied.
      setRestorable(keptEdits(window.localStorage, slug, saved));
    } catch (err) {
      setLoadError(err);
    }
  }, [slug]);

  useEffect(() => {
    void load();
  }, [load]);

  const dirty = useMemo(() => (loaded ? dirtyPaths(draft, loaded.saved) : []), [draft, loaded]);

  // Every change is kept in this browser until it is saved (lib/unsaved.ts). While an offer to
  // restore is open, nothing is written, so the kept edits cannot be replaced before the choice.
  useEffect(() => {
    if (!loaded || restorable) return;
    const t = window.setTimeout(() => keepEdits(window.localStorage, slug, draft, loaded.saved, Date.now()), 250);
    return () => window.clearTimeout(t);
  }, [draft, loaded, restorable, slug]);

  const filesUrl = `/api/apps/${encodeURIComponent(slug)}/files`;

  /** Sends only the blanks that differ from `saved`, on `revision`; a stale revision opens the conflict dialog. */
  const saveOn = useCallback(
    async (files: Record<string, string>, revision: string): Promise<boolean> => {
      setSaving(true);
      setSaveError(null);
      try {
        const r = await api<StudioTypes["savedFiles"]>(
          "PUT",
          filesUrl,
          { files },
          {
            headers: { "If-Match": `"${revision}"` },
          },
        );
        setLoaded((l) => (l ? { ...l, saved: r.files, revision: r.revision } : l));
        setSavedAt(Date.now());
        return true;
      } catch (err) {
        if (!(err instanceof ApiError && err.code === "conflict")) {
          setSaveError(err);
          return false;
        }
        // Saved elsewhere since this tab read the draft: read it again and compare.
        const fresh = await api<StudioTypes["files"]>("GET", filesUrl).catch((e: unknown) => {
          setSaveError(e);
          return null;
        });
        if (!fresh) return false;
        const base = loaded?.saved ?? {};
        const paths = Object.keys(files).filter((p) => fresh.files[p] !== base[p] && fresh.files[p] !== files[p]);
        // Blanks changed only there are taken as they are; this tab's unchanged blanks follow them.
        setLoaded((l) => (l ? { ...l, saved: fresh.files, revision: fresh.revision } : l));
        setDraft((d) => {
          const next = { ...d };
          for (const [p, content] of Object.entries(fresh.files)) if (d[p] === base[p]) next[p] = content;
          return next;
        });
        if (paths.length === 0) return saveOn(files, fresh.revision);
        setConflict({ paths, theirs: fresh.files, mine: files });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [filesUrl, loaded?.saved],
  );

  const save = useCallback(async (): Promise<boolean> => {
    if (!loaded) return false;
    const changed: Record<string, string> = {};
    for (const p of dirtyPaths(draft, loaded.saved)) changed[p] = draft[p] ?? "";
    if (Object.keys(changed).length === 0) return true;
    // The kept copy in this browser is dropped by the effect above once draft and saved agree.
    return saveOn(changed, loaded.revision);
  }, [draft, loaded, saveOn]);

  const keepMine = useCallback(async () => {
    if (!conflict || !loaded) return;
    setConflict(null);
    await saveOn(conflict.mine, loaded.revision);
  }, [conflict, loaded, saveOn]);

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    setDraft((d) => {
      const next = { ...d };
      for (const p of conflict.paths) next[p] = conflict.theirs[p] ?? "";
      return next;
    });
    setConflict(null);
  }, [conflict]);

  const applySaved = useCallback((files: Record<string, string>, revision: string): void => {
    setLoaded((l) => (l ? { ...l, saved: { ...l.saved, ...files }, revision } : l));
    setDraft((d) => ({ ...d, ...files }));
    setSavedAt(Date.now());
  }, []);

  const resetBlank = useCallback(
    async (path: string): Promise<void> => {
      try {
        const r = await api<StudioTypes["savedFiles"]>("POST", `/api/apps/${encodeURIComponent(slug)}/files/reset`, {
          path,
        });
        applySaved({ [path]: r.files[path] ?? "" }, r.revision);
      } catch (err) {
        setSaveError(err);
      }
    },
    [slug, applySaved],
  );

  const setApp = useCallback((update: (app: AppSummary) => AppSummary): void => {
    setLoaded((l) => (l ? { ...l, app: update(l.app) } : l));
  }, []);
  const edit = useCallback((path: string, content: string): void => setDraft((d) => ({ ...d, [path]: content })), []);
  const restoreKept = useCallback((): void => {
    if (restorable) setDraft((d) => ({ ...d, ...restorable.files }));
    setRestorable(null);
  }, [restorable]);
  const discardKept = useCallback((): void => {
    dropEdits(window.localStorage, slug);
    setRestorable(null);
  }, [slug]);

  return {
    loaded,
    loadError,
    load,
    draft,
    edit,
    dirty,
    saving,
    saveError,
    setSaveError,
    savedAt,
    save,
    applySaved,
    resetBlank,
    setApp,
    restorable,
    restoreKept,
    discardKept,
    conflict,
    keepMine,
    takeTheirs,
    closeConflict: () => setConflict(null),
  };
}
