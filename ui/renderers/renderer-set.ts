// Role -> stock renderer, one instance per role per set so caches live as long as the screen.
import { ComposerRenderer } from "./composer-renderer.js";
import { GenericRenderer } from "./generic-renderer.js";
import { PickerRenderer } from "./picker-renderer.js";
import { ThinkingRenderer, ToolsRenderer } from "./panel-renderers.js";
import { StatusRenderer } from "./status-renderer.js";
import { TranscriptRenderer } from "./transcript-renderer.js";
import type { WindowRenderer } from "./window-renderer.js";

/** The stock renderers by role; roles without one get the generic text renderer. */
export class RendererSet {
  readonly transcript = new TranscriptRenderer();
  readonly generic = new GenericRenderer();
  private readonly byRole = new Map<string, WindowRenderer>([
    ["composer", new ComposerRenderer()],
    ["transcript", this.transcript],
    ["status", new StatusRenderer()],
    ["thinking", new ThinkingRenderer()],
    ["tools", new ToolsRenderer()],
    ["picker", new PickerRenderer()],
  ]);

  /** The renderer that paints windows of `role`. */
  forRole(role: string): WindowRenderer {
    return this.byRole.get(role) ?? this.generic;
  }

  /** Installs (or replaces) the renderer of a role. */
  register(role: string, r: WindowRenderer): void {
    this.byRole.set(role, r);
  }
}
