/** "user@host:port/database": what a reader needs to find the server, without the password. */
export declare function describeTarget(url: string): string;
/** Removes the connection string and its password, in every spelling, from a message. */
export declare function redactor(url: string): (text: string) => string;
