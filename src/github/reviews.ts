import type { Review } from "../governance/reviews.js";
import type { Repo } from "./changes.js";
import type { GitHub } from "./client.js";

/** Every review of a pull request, 100 a page, in the order GitHub lists them (oldest first). */
export async function listReviews(gh: GitHub, repo: Repo, pullNumber: number): Promise<Review[]> {
  const raw = await gh.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { ...repo, pull_number: pullNumber, per_page: 100 });
  return raw.map((r) => {
    const review: Review = { id: r.id, user: r.user ? { login: r.user.login, ...(r.user.type ? { type: r.user.type } : {}) } : null, body: r.body ?? null, state: r.state, commit_id: r.commit_id ?? null };
    if (r.submitted_at !== undefined) review.submitted_at = r.submitted_at;
    return review;
  });
}
