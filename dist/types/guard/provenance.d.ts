import { type Repo } from "../github/changes.js";
import type { GitHub } from "../github/client.js";
export type Provenance = {
    status: "ok";
    note: string;
} | {
    status: "refused";
    reason: string;
};
export interface ProvenanceInput {
    gh: GitHub;
    repo: Repo;
    root: string;
    /** The protected branch's tip and name. */
    tip: string;
    branch: string;
    checkRun: number;
    suite: number | undefined;
    /** The merged pull request whose head commit holds the record. */
    pull: number;
    /** The app whose records count (`BLASTGATE_APPROVAL_APP`, default github-actions). */
    app: string;
}
/** Refused when the record's check suite has no workflow run, or its workflow file is not the protected branch's. API failures throw. */
export declare function checkRecordWriter(a: ProvenanceInput): Promise<Provenance>;
