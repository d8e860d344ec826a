/** One rendered line: its text as a reader sees it, and the line of the body it starts on (1-based). */
export interface VisibleLine {
    line: number;
    text: string;
}
export declare function visibleLines(body: string): VisibleLine[];
/** Whether text shows anything when rendered. */
export declare function hasVisibleText(text: string): boolean;
