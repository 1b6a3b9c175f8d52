/** A rectangle of screen cells, 0-based from the top-left. */
export type Rect = { x: number; y: number; width: number; height: number };

/** Border kinds a layout node may reserve and the renderer draws. */
export type BorderKind = "none" | "single" | "rounded" | "double" | "heavy";

/** What the layout computes for one window node (see layout.md "Computed rectangles"). */
export type WindowBox = Rect & {
  /** The box inside border and padding, where stock renderers draw. */
  content: Rect;
  /** False when the node or an ancestor has display none, or a computed side is 0. */
  visible: boolean;
  border: BorderKind;
  /** Paint order: higher on top. */
  z: number;
  /** Position of the window node in tree order (ties in z paint in this order). */
  order: number;
};
