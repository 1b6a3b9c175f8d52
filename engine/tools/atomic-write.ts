// Writes go to a temporary file beside the target and are renamed over it, so a crash or a full disk
// never leaves a half-written source file behind.
import { chmod, mkdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Writes text to path atomically, creating parent directories and keeping an existing file's mode. */
export async function atomicWrite(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
    // mkdir -p says EEXIST when a path component is a file; what the caller needs to hear is ENOTDIR.
    if (err.code === "EEXIST") err.code = "ENOTDIR";
    throw err;
  });
  const { randomBytes } = await import("node:crypto"); // on the first write, not at start-up
  const temp = join(dir, `.${basename(path)}.librecode-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, text, "utf8");
    const mode = await stat(path).then((s) => s.mode & 0o7777, () => undefined);
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
