import "server-only";
import path from "node:path";
import { env } from "../env";
import { LocalDiskStorage, type FileStorage } from "./file-storage";

/** The app's one file store (local disk under UPLOAD_DIR by default). */
export const storage: FileStorage = new LocalDiskStorage(path.resolve(env.UPLOAD_DIR));
