import type { Review } from "../governance/reviews.js";
import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";
/** Every review of a pull request, 100 a page, in the order GitHub lists them (oldest first). */
export declare function listReviews(gh: GitHub, repo: Repo, pullNumber: number): Promise<Review[]>;
/** The edit history GraphQL keeps for a review's body (REST has none). */
export type ReviewEdits = Pick<Review, "lastEditedAt" | "editor" | "userContentEdits">;
/**
 * Each review's edit history by review id, through GraphQL (`url`: GITHUB_GRAPHQL_URL when the runner
 * sets it; otherwise octokit derives it from the REST root, /api/graphql on GitHub Enterprise Server).
 */
export declare function listReviewEdits(gh: GitHub, repo: Repo, pullNumber: number, url?: string): Promise<Map<number, ReviewEdits>>;
