// The images a prompt carries: the composer's chips (attached before enter) and the image paths
// typed in the prompt itself, checked against the model (it must accept images) and the limits.
import { attachWord, imageWords, type Attachment } from "../tools/image-paths.js";

/** The prompt's images and the error lines of those that could not be attached. */
export async function promptAttachments(text: string, cwd: string, chips: readonly Attachment[], model: { label: string; images: boolean }):
  Promise<{ images: Attachment[]; errors: string[] }> {
  if (!model.images) {
    // Typed paths stay text (the model can still be told where the file is); chips were meant to be sent.
    const errors = chips.length ? [`attach: ${model.label} does not accept images; ${chips.length} attached image(s) not sent`] : [];
    return { images: [], errors };
  }
  const images = [...chips];
  const errors: string[] = [];
  for (const word of imageWords(text)) {
    const r = await attachWord(word, cwd, images);
    if (r === undefined) continue;
    if ("error" in r) errors.push(r.error);
    else images.push(r);
  }
  return { images, errors };
}
