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

/** The edit history GraphQL keeps for a review's body (REST has none). */
export type ReviewEdits = Pick<Review, "lastEditedAt" | "editor" | "userContentEdits">;

const EDITS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviews(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { databaseId lastEditedAt editor { login } userContentEdits(first: 100) { totalCount nodes { editedAt editor { login } } } }
      }
    }
  }
}`;

interface EditsPage {
  repository: {
    pullRequest: {
      reviews: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ({ databaseId: number | null } & Required<ReviewEdits>)[] };
    } | null;
  } | null;
}

/**
 * Each review's edit history by review id, through GraphQL (`url`: GITHUB_GRAPHQL_URL when the runner
 * sets it; otherwise octokit derives it from the REST root, /api/graphql on GitHub Enterprise Server).
 */
export async function listReviewEdits(gh: GitHub, repo: Repo, pullNumber: number, url?: string): Promise<Map<number, ReviewEdits>> {
  const out = new Map<number, ReviewEdits>();
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const data: EditsPage = await gh.graphql<EditsPage>(EDITS_QUERY, { owner: repo.owner, repo: repo.repo, number: pullNumber, cursor, ...(url ? { url } : {}) });
    const reviews = data.repository?.pullRequest?.reviews;
    if (!reviews) throw new Error(`GitHub's GraphQL API returned no reviews for pull request #${pullNumber}`);
    for (const n of reviews.nodes) if (n && typeof n.databaseId === "number") out.set(n.databaseId, { lastEditedAt: n.lastEditedAt, editor: n.editor, userContentEdits: n.userContentEdits });
    if (!reviews.pageInfo.hasNextPage) return out;
    cursor = reviews.pageInfo.endCursor;
  }
  return out;
}
