// How a renderer is handed text that a stream grows: the whole string, or only what was appended
// since the renderer's last call (from the block's append log) with a way to read the whole when
// its memo cannot use the appended part alone. Reading the whole of a big block copies it.

/** What was appended since the last call, and the whole text (a copy: the slow way). */
export type Appended = { appended: string; whole: () => string };

/** A streaming block's text: whole, or appended since the last call. */
export type StreamText = string | Appended;
