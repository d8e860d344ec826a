/** The read-only role the checks connect as (docs/inventory.md gives the same grants), with a password that must never be printed. */
export const RO_USER = "blastgate_ro";
export const RO_PASSWORD = "S3cret:p@ss/w0rd?#never-printed";
/** A role the server accepts only over TLS (pg_hba: hostnossl ... reject). */
export const TLS_USER = "tls_only_role";
