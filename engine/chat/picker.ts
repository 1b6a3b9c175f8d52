// The picker: a filterable list in an overlay window, built only from kernel parts an extension
// has too: a buffer `picker` (its text is the query, its label the title, its metadata `picker`
// the matching items and the selection), a window of role `picker` shown by a layout overlay, and
// a keymap on that window that takes every key while it has focus. ui/renderers draws it.
import type { Runtime } from "../kernel/runtime.js";
import { ModalFocus } from "./modal-focus.js";
import type { KeyEvent } from "../kernel/key-event.js";
import { keyName } from "../kernel/key-notation.js";
import { EDIT_KEYS, typedText } from "./composer-keys.js";
import { fuzzyFilter, type FuzzyMatch } from "./fuzzy-filter.js";
import { changesText, type TextEdit } from "./text-edit.js";

/** One row of a picker: `prefix` (not matched: tree lines, markers), `label` (matched and
 *  highlighted), `detail` (matched, shown dimmed after the label) and what choosing it means. */
export type PickerItem<T = string> = { label: string; detail?: string; prefix?: string; value: T };

/** What to offer and what to do with the choice. */
export type PickerSpec<T = string> = {
  /** Shown in the window's border (the buffer's label). */
  title: string;
  items: PickerItem<T>[];
  /** The item selected at first (0-based; the current model, this session). */
  selected?: number;
  /** Enter on an item; the picker is closed first, so this may open another. */
  onPick(item: PickerItem<T>): void;
  /** Tab on an item (when absent, tab does nothing); the picker is closed first. */
  onTab?(item: PickerItem<T>): void;
  /** Escape or ctrl+c. */
  onCancel?(): void;
};

/** Composer-free surface of a picker: what the stock chat and the chat loop's commands call. */
export type OpenPicker = <T>(spec: PickerSpec<T>) => void;

/** An item as the buffer metadata `picker.items` holds it (plain data, readable from Lua). */
export type PickerRow = { label: string; detail: string; prefix: string; positions: number[] };
/** Buffer metadata `picker`: the items matching the query, the selection and the first row shown. */
export type PickerState = { items: PickerRow[]; selected: number; top: number; total: number };

/** The window, buffer and overlay name. */
export const PICKER = "picker";
/** Item rows shown at most; the list scrolls to keep the selection in view. */
export const PICKER_ROWS = 10;
/** Above every stock window and the composer's completion menu. */
const PICKER_Z = 100;

// Query editing: the composer's keys, minus the ones that would add a line.
const QUERY_KEYS = Object.fromEntries(Object.entries(EDIT_KEYS).filter(([k]) => k !== "ctrl+j" && k !== "shift+enter"));

/** The overlay node: a box centered on the screen, as tall as its rows need. */
function overlayNode(rows: number): Record<string, unknown> {
  return {
    id: "picker", left: 0, top: 0, width: "100%", height: "100%", justify: "center", align: "center", z: PICKER_Z,
    children: [{ window: PICKER, width: "90%", max_width: 100, height: rows + 3, max_height: "100%", border: "rounded", padding: { x: 1 } }],
  };
}

/** Guards the open picker's spec and the matches of its query; everything shown is in the kernel. */
export class Picker {
  private spec: PickerSpec<unknown> | undefined;
  private matches: FuzzyMatch[] = [];

  private readonly focus: ModalFocus;

  constructor(private readonly rt: Runtime) {
    this.focus = new ModalFocus(rt, PICKER);
    rt.layout.reserveOverlay(PICKER);
    rt.keymaps.set({ window: PICKER }, "*", (ev) => {
      if (!this.isOpen) return undefined;
      this.onKey(ev.key!);
      return { stop: true };
    }, { owner: "host", priority: 1000 });
  }

  /** True while the picker is shown. */
  get isOpen(): boolean {
    return this.spec !== undefined && this.rt.layout.overlays.has(PICKER);
  }

  /** Shows the picker (replacing one already open) and gives it the keys. */
  open<T>(spec: PickerSpec<T>): void {
    const rt = this.rt;
    rt.inTransaction(() => {
      this.spec = spec as PickerSpec<unknown>;
      rt.buffers.ensure(PICKER);
      rt.buffers.setText(PICKER, "");
      rt.buffers.setLabel(PICKER, spec.title);
      rt.windows.create(PICKER, { role: PICKER, buffer: PICKER });
      rt.windows.setVar(PICKER, "panel_kind", PICKER);
      this.matches = fuzzyFilter(spec.items, "");
      const first = Math.max(0, Math.min(spec.items.length - 1, spec.selected ?? 0));
      this.publish(first, Math.max(0, first - PICKER_ROWS + 1));
      rt.setOverlay(PICKER, overlayNode(Math.min(PICKER_ROWS, Math.max(1, spec.items.length))));
      this.focus.take();
    });
  }

  /** Hides the picker and gives the keys back; nothing is chosen. */
  close(): void {
    const rt = this.rt;
    rt.inTransaction(() => {
      this.spec = undefined;
      rt.setOverlay(PICKER, undefined);
      rt.buffers.setMetadata(PICKER, PICKER, undefined);
      this.focus.release();
    });
  }

  private state(): PickerState {
    return this.rt.buffers.get(PICKER)!.metadata[PICKER] as PickerState;
  }

  // Item rows the window shows now (fewer than PICKER_ROWS on a short screen).
  private rows(): number {
    const box = this.rt.windows.get(PICKER)?.box;
    return box?.visible ? Math.max(1, box.content.height - 1) : PICKER_ROWS;
  }

  private publish(selected: number, top: number): void {
    const spec = this.spec!;
    const items = this.matches.map((m): PickerRow => {
      const it = spec.items[m.index]!;
      return { label: it.label, detail: it.detail ?? "", prefix: it.prefix ?? "", positions: m.positions };
    });
    const state: PickerState = { items, selected, top, total: spec.items.length };
    this.rt.buffers.setMetadata(PICKER, PICKER, state);
  }

  /** Moves the selection to index (clamped), scrolling as little as needed to show it. */
  private select(index: number): void {
    const n = this.matches.length;
    if (n === 0) return;
    const sel = Math.max(0, Math.min(n - 1, index));
    const rows = this.rows();
    let top = this.state().top;
    if (sel < top) top = sel;
    if (sel >= top + rows) top = sel - rows + 1;
    this.publish(sel, Math.max(0, Math.min(top, n - rows)));
  }

  private onKey(ev: KeyEvent): void {
    const name = keyName(ev);
    const { selected } = this.state();
    const n = this.matches.length;
    switch (name) {
      case "escape": case "ctrl+c": {
        const cancel = this.spec!.onCancel;
        this.close();
        cancel?.();
        return;
      }
      case "enter": return this.choose("pick");
      case "tab": return this.choose("tab");
      case "up": case "ctrl+p": return this.select(n === 0 ? 0 : (selected - 1 + n) % n);
      case "down": case "ctrl+n": return this.select(n === 0 ? 0 : (selected + 1) % n);
      case "pageup": return this.select(selected - this.rows());
      case "pagedown": return this.select(selected + this.rows());
    }
    const edit = QUERY_KEYS[name];
    if (edit) this.editQuery(edit({ lines: this.rt.buffers.get(PICKER)!.lines, cursor: this.rt.buffers.getCursor(PICKER) }));
    else this.type(typedText(ev));
  }

  /** Inserts text (one line) into the query at its cursor, as typing would. */
  type(text: string): void {
    if (text === "" || text.includes("\n") || !this.isOpen) return;
    const at = this.rt.buffers.getCursor(PICKER);
    this.editQuery({ start: at, end: at, text, cursor: at + [...text].length });
  }

  private editQuery(e: TextEdit): void {
    const b = this.rt.buffers;
    if (changesText(e)) b.replace(PICKER, e.start, e.end, e.text);
    if (b.getCursor(PICKER) !== e.cursor) b.setCursor(PICKER, e.cursor);
    if (!changesText(e)) return;
    // A new query starts at its best match.
    this.matches = fuzzyFilter(this.spec!.items, b.getText(PICKER));
    this.publish(0, 0);
  }

  private choose(how: "pick" | "tab"): void {
    const spec = this.spec!;
    const m = this.matches[this.state().selected];
    const run = how === "pick" ? spec.onPick : spec.onTab;
    if (m === undefined || run === undefined) return;
    this.close();
    run(spec.items[m.index]!);
  }
}

