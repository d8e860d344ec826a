import type { ChangedFile, ChangedFiles } from "../engine/change.js";
import type { GitHub } from "./client.js";

export interface Repo {
  owner: string;
  repo: string;
}

/** GitHub lists at most this many files of a pull request, however many pages are asked for. */
export const MAX_PULL_FILES = 3000;
/** A comparison lists at most this many files. */
export const MAX_COMPARE_FILES = 300;

/** Every changed file of a pull request, 100 a page. */
export async function listPullFiles(gh: GitHub, repo: Repo, pullNumber: number): Promise<ChangedFiles> {
  const raw = await gh.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", { ...repo, pull_number: pullNumber, per_page: 100 });
  const files = raw.map((f) => toChanged(f));
  return { files, complete: files.length < MAX_PULL_FILES };
}

/** The files that differ between two commits (a merge group's base and head). */
export async function compareFiles(gh: GitHub, repo: Repo, base: string, head: string): Promise<ChangedFiles> {
  const { data } = await gh.request("GET /repos/{owner}/{repo}/compare/{basehead}", { ...repo, basehead: `${base}...${head}` });
  const files = (data.files ?? []).map((f) => toChanged(f));
  return { files, complete: files.length < MAX_COMPARE_FILES };
}

function toChanged(f: { filename: string; status: string; previous_filename?: string }): ChangedFile {
  const c: ChangedFile = { filename: f.filename, status: f.status };
  if (f.previous_filename) c.previousFilename = f.previous_filename;
  return c;
}
