/** Where uploaded documents' bytes live (DATA_DIR/placements/…); paths are relative to the store's root. */
export interface DocumentStore {
  /** Writes the file whole or not at all (a reader never sees half a file). */
  write(relativePath: string, bytes: Buffer): void;
  read(relativePath: string): Buffer;
}
