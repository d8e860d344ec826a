import type { ApprovalRole } from "./status.js";
interface Options {
    require: ApprovalRole[];
    minPerTeam: number;
    distinctApprovers: boolean;
    distinctTeams: boolean;
}
/**
 * Sign-off by intent: the team that wants the operation, the team that runs it and the team that owns
 * what it destroys approve the same manifest, as it is at head (the plan summary is what they approve).
 */
declare const _default: import("./types.js").RuleModule<Options>;
export default _default;
