/**
 * `org/slug`, or a bare `slug` in the repository's organisation, as `org/slug` in lower case
 * (GitHub compares both case-insensitively).
 */
export declare function teamName(raw: string, org: string | undefined): {
    team: string;
    error?: undefined;
} | {
    team?: undefined;
    error: string;
};
