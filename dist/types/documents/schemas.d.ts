/** The v1 contract. Fields may be added in v1; none renamed. `additionalProperties: false` everywhere: a typo is an error. */
export declare const API_VERSION = "blastgate.dev/v1";
/** Text shown on one line of a report: control characters (newlines, terminal escapes) would rewrite what a reader sees. */
export declare const LINE_PATTERN = "^[^\\u0000-\\u001f\\u007f]+$";
export declare const operationSchema: {
    readonly $id: "blastgate.dev/v1/Operation";
    readonly type: "object";
    readonly additionalProperties: false;
    readonly required: readonly ["apiVersion", "kind", "metadata", "spec"];
    readonly properties: {
        readonly apiVersion: {
            readonly const: "blastgate.dev/v1";
        };
        readonly kind: {
            readonly const: "Operation";
        };
        readonly metadata: {
            readonly type: "object";
            readonly additionalProperties: false;
            readonly required: readonly ["name"];
            readonly properties: {
                readonly name: {
                    readonly type: "string";
                    readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                    readonly maxLength: 128;
                };
                readonly description: {
                    readonly type: "string";
                    readonly maxLength: 10000;
                };
                readonly ticket: {
                    readonly type: "string";
                    readonly minLength: 1;
                    readonly maxLength: 1024;
                    readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                };
                readonly requestedBy: {
                    readonly type: "string";
                    readonly minLength: 1;
                    readonly maxLength: 1024;
                    readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                };
                readonly executedBy: {
                    readonly type: "string";
                    readonly minLength: 1;
                    readonly maxLength: 1024;
                    readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                };
                readonly scripts: {
                    readonly type: "array";
                    readonly items: {
                        readonly type: "string";
                        readonly minLength: 1;
                        readonly maxLength: 1024;
                        readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                    };
                };
            };
        };
        readonly spec: {
            readonly type: "object";
            readonly additionalProperties: false;
            readonly required: readonly ["environment", "action", "target", "deletion"];
            readonly properties: {
                readonly environment: {
                    readonly type: "string";
                    readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                    readonly maxLength: 128;
                };
                readonly action: {
                    readonly type: "string";
                    readonly pattern: "^[a-z][a-z0-9_-]*$";
                    readonly maxLength: 128;
                };
                readonly target: {
                    readonly type: "object";
                    readonly additionalProperties: false;
                    readonly required: readonly ["kind", "identifiers"];
                    readonly properties: {
                        readonly kind: {
                            readonly type: "string";
                            readonly pattern: "^[a-z][a-z0-9_-]*$";
                            readonly maxLength: 128;
                        };
                        readonly expectedCount: {
                            readonly type: "integer";
                            readonly minimum: 0;
                        };
                        readonly identifiers: {
                            readonly anyOf: readonly [{
                                readonly type: "array";
                                readonly items: {
                                    readonly type: "string";
                                };
                            }, {
                                readonly type: "object";
                                readonly additionalProperties: false;
                                readonly required: readonly ["file"];
                                readonly properties: {
                                    readonly file: {
                                        readonly type: "string";
                                        readonly minLength: 1;
                                    };
                                };
                            }];
                        };
                    };
                };
                readonly deletion: {
                    readonly type: "object";
                    readonly additionalProperties: false;
                    readonly required: readonly ["mode"];
                    readonly properties: {
                        readonly mode: {
                            readonly enum: readonly ["soft", "hard"];
                        };
                        readonly retention: {
                            readonly type: "string";
                            readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                        };
                    };
                };
                readonly rollout: {
                    readonly type: "object";
                    readonly additionalProperties: false;
                    readonly required: readonly ["stages"];
                    readonly properties: {
                        readonly stages: {
                            readonly type: "array";
                            readonly minItems: 1;
                            readonly items: {
                                readonly type: "object";
                                readonly additionalProperties: false;
                                readonly required: readonly ["name"];
                                readonly properties: {
                                    readonly name: {
                                        readonly type: "string";
                                        readonly minLength: 1;
                                        readonly maxLength: 1024;
                                        readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                                    };
                                    readonly count: {
                                        readonly type: "integer";
                                        readonly minimum: 1;
                                    };
                                    readonly percent: {
                                        readonly type: "number";
                                        readonly exclusiveMinimum: 0;
                                        readonly maximum: 100;
                                    };
                                    readonly bake: {
                                        readonly type: "string";
                                        readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                                    };
                                };
                                readonly oneOf: readonly [{
                                    readonly required: readonly ["count"];
                                }, {
                                    readonly required: readonly ["percent"];
                                }];
                            };
                        };
                    };
                };
                readonly rollback: {
                    readonly type: "object";
                    readonly additionalProperties: false;
                    readonly required: readonly ["strategy"];
                    readonly properties: {
                        readonly strategy: {
                            readonly enum: readonly ["undelete", "restore-from-backup", "none"];
                        };
                        readonly runbook: {
                            readonly type: "string";
                            readonly pattern: "^https?://\\S+$";
                        };
                        readonly lastTested: {
                            readonly type: "string";
                            readonly pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$";
                        };
                        readonly restoreRate: {
                            readonly type: "string";
                            readonly pattern: "^[0-9]+(\\.[0-9]+)?/[smhdw]$";
                        };
                        readonly rto: {
                            readonly type: "string";
                            readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                        };
                    };
                };
            };
        };
    };
};
export declare const catalogSchema: {
    readonly $id: "blastgate.dev/v1/Catalog";
    readonly type: "object";
    readonly additionalProperties: false;
    readonly required: readonly ["apiVersion", "kind", "kinds", "actions"];
    readonly properties: {
        readonly apiVersion: {
            readonly const: "blastgate.dev/v1";
        };
        readonly kind: {
            readonly const: "Catalog";
        };
        readonly metadata: {
            readonly type: "object";
            readonly additionalProperties: false;
            readonly properties: {
                readonly name: {
                    readonly type: "string";
                    readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                    readonly maxLength: 128;
                };
                readonly description: {
                    readonly type: "string";
                    readonly maxLength: 10000;
                };
            };
        };
        readonly environments: {
            readonly type: "array";
            readonly items: {
                readonly type: "string";
                readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                readonly maxLength: 128;
            };
            readonly minItems: 1;
        };
        readonly inventory: {
            readonly anyOf: readonly [{
                readonly type: "string";
                readonly minLength: 1;
            }, {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly required: readonly ["postgres"];
                readonly properties: {
                    readonly postgres: {
                        readonly type: "object";
                        readonly additionalProperties: false;
                        readonly properties: {
                            readonly url: {
                                readonly type: "string";
                            };
                            readonly table: {
                                readonly type: "string";
                                readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?$";
                                readonly maxLength: 127;
                            };
                            readonly query: {
                                readonly type: "string";
                                readonly minLength: 1;
                                readonly maxLength: 100000;
                            };
                            readonly columns: {
                                readonly type: "object";
                                readonly additionalProperties: false;
                                readonly properties: {
                                    readonly id: {
                                        readonly type: "string";
                                        readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                        readonly maxLength: 63;
                                    };
                                    readonly kind: {
                                        readonly type: "string";
                                        readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                        readonly maxLength: 63;
                                    };
                                    readonly tenant: {
                                        readonly type: "string";
                                        readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                        readonly maxLength: 63;
                                    };
                                    readonly customer: {
                                        readonly type: "string";
                                        readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                        readonly maxLength: 63;
                                    };
                                    readonly environment: {
                                        readonly type: "string";
                                        readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                        readonly maxLength: 63;
                                    };
                                    readonly parent: {
                                        readonly type: "string";
                                        readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                        readonly maxLength: 63;
                                    };
                                    readonly protected: {
                                        readonly type: "string";
                                        readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                        readonly maxLength: 63;
                                    };
                                };
                            };
                        };
                    };
                };
            }];
        };
        readonly kinds: {
            readonly type: "object";
            readonly propertyNames: {
                readonly type: "string";
                readonly pattern: "^[a-z][a-z0-9_-]*$";
                readonly maxLength: 128;
            };
            readonly minProperties: 1;
            readonly additionalProperties: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly required: readonly ["identifier"];
                readonly properties: {
                    readonly description: {
                        readonly type: "string";
                        readonly maxLength: 10000;
                    };
                    readonly identifier: {
                        readonly type: "object";
                        readonly additionalProperties: false;
                        readonly required: readonly ["pattern"];
                        readonly properties: {
                            readonly pattern: {
                                readonly type: "string";
                                readonly minLength: 1;
                                readonly maxLength: 4096;
                            };
                            readonly examples: {
                                readonly type: "array";
                                readonly minItems: 1;
                                readonly maxItems: 100;
                                readonly items: {
                                    readonly type: "string";
                                    readonly minLength: 1;
                                    readonly maxLength: 512;
                                };
                            };
                        };
                    };
                    readonly parent: {
                        readonly type: "string";
                        readonly pattern: "^[a-z][a-z0-9_-]*$";
                        readonly maxLength: 128;
                    };
                    readonly products: {
                        readonly type: "array";
                        readonly items: {
                            readonly type: "string";
                            readonly minLength: 1;
                            readonly maxLength: 1024;
                            readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                        };
                    };
                    readonly owner: {
                        readonly type: "string";
                        readonly minLength: 1;
                    };
                    readonly restoreRate: {
                        readonly type: "string";
                        readonly pattern: "^[0-9]+(\\.[0-9]+)?/[smhdw]$";
                    };
                };
            };
        };
        readonly actions: {
            readonly type: "object";
            readonly propertyNames: {
                readonly type: "string";
                readonly pattern: "^[a-z][a-z0-9_-]*$";
                readonly maxLength: 128;
            };
            readonly minProperties: 1;
            readonly additionalProperties: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly required: readonly ["target", "destructive"];
                readonly properties: {
                    readonly target: {
                        readonly type: "string";
                        readonly pattern: "^[a-z][a-z0-9_-]*$";
                        readonly maxLength: 128;
                    };
                    readonly destructive: {
                        readonly type: "boolean";
                    };
                    readonly description: {
                        readonly type: "string";
                        readonly maxLength: 10000;
                    };
                };
            };
        };
        readonly products: {
            readonly type: "object";
            readonly propertyNames: {
                readonly type: "string";
                readonly pattern: "^[a-z][a-z0-9_-]*$";
                readonly maxLength: 128;
            };
            readonly additionalProperties: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly required: readonly ["rpo", "restorePoint"];
                readonly properties: {
                    readonly rpo: {
                        readonly type: "string";
                        readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                    };
                    readonly restorePoint: {
                        readonly type: "string";
                        readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                    };
                    readonly datastores: {
                        readonly type: "array";
                        readonly items: {
                            readonly type: "string";
                            readonly minLength: 1;
                            readonly maxLength: 1024;
                            readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                        };
                    };
                    readonly description: {
                        readonly type: "string";
                        readonly maxLength: 10000;
                    };
                };
            };
        };
    };
};
export declare const policySchema: {
    readonly $id: "blastgate.dev/v1/Policy";
    readonly type: "object";
    readonly additionalProperties: false;
    readonly required: readonly ["apiVersion", "kind", "rules"];
    readonly properties: {
        readonly apiVersion: {
            readonly const: "blastgate.dev/v1";
        };
        readonly overrideTeams: {
            readonly type: "array";
            readonly items: {
                readonly type: "string";
                readonly pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$";
                readonly maxLength: 200;
            };
            readonly uniqueItems: true;
        };
        readonly overrideUsers: {
            readonly type: "array";
            readonly items: {
                readonly type: "string";
                readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                readonly maxLength: 100;
            };
            readonly uniqueItems: true;
        };
        readonly kind: {
            readonly const: "Policy";
        };
        readonly metadata: {
            readonly type: "object";
            readonly additionalProperties: false;
            readonly properties: {
                readonly name: {
                    readonly type: "string";
                    readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                    readonly maxLength: 128;
                };
                readonly description: {
                    readonly type: "string";
                    readonly maxLength: 10000;
                };
            };
        };
        readonly limits: {
            readonly type: "object";
            readonly additionalProperties: false;
            readonly properties: {
                [k: string]: {
                    anyOf: ({
                        readonly type: "string";
                        readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                    } | {
                        type: string;
                        minimum: number;
                    })[];
                    type?: never;
                    minimum?: never;
                } | {
                    anyOf?: never;
                    type: string;
                    minimum: number;
                };
            };
        };
        readonly waivers: {
            readonly type: "object";
            readonly additionalProperties: false;
            readonly properties: {
                readonly maxExpiry: {
                    readonly type: "string";
                    readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                };
            };
        };
        readonly budgets: {
            readonly type: "array";
            readonly items: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly required: readonly ["kind", "window"];
                readonly properties: {
                    readonly kind: {
                        readonly type: "string";
                        readonly pattern: "^[a-z][a-z0-9_-]*$";
                        readonly maxLength: 128;
                    };
                    readonly maxShare: {
                        readonly type: "number";
                        readonly minimum: 0;
                        readonly maximum: 1;
                    };
                    readonly maxCount: {
                        readonly type: "integer";
                        readonly minimum: 0;
                    };
                    readonly maxCustomers: {
                        readonly type: "integer";
                        readonly minimum: 0;
                    };
                    readonly window: {
                        readonly type: "string";
                        readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                    };
                };
            };
        };
        readonly rules: {
            readonly type: "array";
            readonly items: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly required: readonly ["id", "type", "enforcement"];
                readonly properties: {
                    readonly overrideTeams: {
                        readonly type: "array";
                        readonly items: {
                            readonly type: "string";
                            readonly pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$";
                            readonly maxLength: 200;
                        };
                        readonly uniqueItems: true;
                    };
                    readonly overrideUsers: {
                        readonly type: "array";
                        readonly items: {
                            readonly type: "string";
                            readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                            readonly maxLength: 100;
                        };
                        readonly uniqueItems: true;
                    };
                    readonly id: {
                        readonly type: "string";
                        readonly pattern: "^[a-z0-9][a-z0-9._/-]*$";
                        readonly maxLength: 128;
                    };
                    readonly type: {
                        readonly type: "string";
                    };
                    readonly enforcement: {
                        readonly enum: readonly ["advisory", "soft-mandatory", "hard-mandatory"];
                    };
                    readonly description: {
                        readonly type: "string";
                        readonly maxLength: 10000;
                    };
                    readonly match: {
                        readonly type: "object";
                        readonly additionalProperties: false;
                        readonly properties: {
                            readonly environment: {
                                readonly anyOf: readonly [{
                                    readonly type: "string";
                                    readonly minLength: 1;
                                }, {
                                    readonly type: "array";
                                    readonly items: {
                                        readonly type: "string";
                                        readonly minLength: 1;
                                    };
                                    readonly minItems: 1;
                                }];
                            };
                            readonly action: {
                                readonly anyOf: readonly [{
                                    readonly type: "string";
                                    readonly minLength: 1;
                                }, {
                                    readonly type: "array";
                                    readonly items: {
                                        readonly type: "string";
                                        readonly minLength: 1;
                                    };
                                    readonly minItems: 1;
                                }];
                            };
                            readonly kind: {
                                readonly anyOf: readonly [{
                                    readonly type: "string";
                                    readonly minLength: 1;
                                }, {
                                    readonly type: "array";
                                    readonly items: {
                                        readonly type: "string";
                                        readonly minLength: 1;
                                    };
                                    readonly minItems: 1;
                                }];
                            };
                            readonly paths: {
                                readonly anyOf: readonly [{
                                    readonly type: "string";
                                    readonly minLength: 1;
                                }, {
                                    readonly type: "array";
                                    readonly items: {
                                        readonly type: "string";
                                        readonly minLength: 1;
                                    };
                                    readonly minItems: 1;
                                }];
                            };
                        };
                    };
                    readonly with: {
                        readonly type: "object";
                    };
                };
            };
        };
    };
};
/** A standing exception the platform team keeps among the policy files: some rules do not block one manifest, until a date. */
export declare const waiverSchema: {
    readonly $id: "blastgate.dev/v1/Waiver";
    readonly type: "object";
    readonly additionalProperties: false;
    readonly required: readonly ["apiVersion", "kind", "metadata", "spec"];
    readonly properties: {
        readonly apiVersion: {
            readonly const: "blastgate.dev/v1";
        };
        readonly kind: {
            readonly const: "Waiver";
        };
        readonly metadata: {
            readonly type: "object";
            readonly additionalProperties: false;
            readonly properties: {
                readonly name: {
                    readonly type: "string";
                    readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                    readonly maxLength: 128;
                };
                readonly description: {
                    readonly type: "string";
                    readonly maxLength: 10000;
                };
            };
            readonly required: readonly ["name"];
        };
        readonly spec: {
            readonly type: "object";
            readonly additionalProperties: false;
            readonly required: readonly ["manifest", "rules", "reason", "owner", "expires"];
            readonly properties: {
                readonly manifest: {
                    readonly type: "string";
                    readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                    readonly maxLength: 128;
                };
                readonly rules: {
                    readonly type: "array";
                    readonly items: {
                        readonly type: "string";
                        readonly pattern: "^[a-z0-9][a-z0-9._/-]*$";
                        readonly maxLength: 128;
                    };
                    readonly minItems: 1;
                    readonly uniqueItems: true;
                };
                readonly reason: {
                    readonly type: "string";
                    readonly maxLength: 2000;
                    readonly pattern: "^(?=.*\\S)[^\\u0000-\\u001f\\u007f]+$";
                };
                readonly owner: {
                    readonly type: "string";
                    readonly maxLength: 200;
                    readonly pattern: "^(?=.*\\S)[^\\u0000-\\u001f\\u007f]+$";
                };
                readonly expires: {
                    readonly type: "string";
                    readonly pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
                };
                readonly digest: {
                    readonly type: "string";
                    readonly pattern: "^sha256:[0-9a-f]{64}$";
                };
            };
        };
    };
};
/** Policy tests (`blastgate test`): cases judged with the policies they sit next to; `check` skips these documents. */
export declare const policyTestSchema: {
    readonly $id: "blastgate.dev/v1/PolicyTest";
    readonly type: "object";
    readonly additionalProperties: false;
    readonly required: readonly ["apiVersion", "kind", "metadata", "cases"];
    readonly properties: {
        readonly apiVersion: {
            readonly const: "blastgate.dev/v1";
        };
        readonly kind: {
            readonly const: "PolicyTest";
        };
        readonly metadata: {
            readonly type: "object";
            readonly additionalProperties: false;
            readonly properties: {
                readonly name: {
                    readonly type: "string";
                    readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                    readonly maxLength: 128;
                };
                readonly description: {
                    readonly type: "string";
                    readonly maxLength: 10000;
                };
            };
            readonly required: readonly ["name"];
        };
        readonly cases: {
            readonly type: "array";
            readonly minItems: 1;
            readonly items: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly required: readonly ["name", "expect"];
                readonly oneOf: readonly [{
                    readonly required: readonly ["manifest"];
                }, {
                    readonly required: readonly ["operation"];
                }];
                readonly properties: {
                    readonly name: {
                        readonly type: "string";
                        readonly minLength: 1;
                        readonly maxLength: 1024;
                        readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                    };
                    readonly manifest: {
                        readonly type: "string";
                        readonly minLength: 1;
                        readonly maxLength: 1024;
                    };
                    readonly operation: {
                        readonly type: "object";
                    };
                    readonly now: {
                        readonly type: "string";
                        readonly pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$";
                    };
                    readonly fixtures: {
                        readonly type: "object";
                        readonly additionalProperties: false;
                        readonly properties: {
                            readonly inventory: {
                                readonly type: "array";
                                readonly items: {
                                    readonly type: "object";
                                    readonly additionalProperties: false;
                                    readonly required: readonly ["id", "kind", "tenant", "customer"];
                                    readonly properties: {
                                        readonly id: {
                                            readonly type: "string";
                                            readonly minLength: 1;
                                        };
                                        readonly kind: {
                                            readonly type: "string";
                                            readonly pattern: "^[a-z][a-z0-9_-]*$";
                                            readonly maxLength: 128;
                                        };
                                        readonly tenant: {
                                            readonly type: "string";
                                        };
                                        readonly customer: {
                                            readonly type: "string";
                                        };
                                        readonly environment: {
                                            readonly type: "string";
                                        };
                                        readonly parent: {
                                            readonly type: "string";
                                        };
                                        readonly protected: {
                                            readonly type: "boolean";
                                        };
                                    };
                                };
                            };
                            readonly reviews: {
                                readonly type: "array";
                                readonly items: {
                                    readonly type: "object";
                                    readonly required: readonly ["user", "state"];
                                    readonly properties: {
                                        readonly id: {
                                            readonly type: "integer";
                                        };
                                        readonly user: {
                                            readonly anyOf: readonly [{
                                                readonly type: "string";
                                                readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                                readonly maxLength: 100;
                                            }, {
                                                readonly type: "object";
                                                readonly required: readonly ["login"];
                                                readonly properties: {
                                                    readonly login: {
                                                        readonly type: "string";
                                                        readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                                        readonly maxLength: 100;
                                                    };
                                                };
                                            }];
                                        };
                                        readonly state: {
                                            readonly enum: readonly ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"];
                                        };
                                        readonly body: {
                                            readonly type: "string";
                                        };
                                        readonly editedBy: {
                                            readonly type: "string";
                                            readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                            readonly maxLength: 100;
                                        };
                                    };
                                };
                            };
                            readonly author: {
                                readonly type: "string";
                                readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                readonly maxLength: 100;
                            };
                            readonly org: {
                                readonly type: "string";
                                readonly minLength: 1;
                                readonly maxLength: 100;
                            };
                            readonly teams: {
                                readonly type: "object";
                                readonly propertyNames: {
                                    readonly type: "string";
                                    readonly pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$";
                                    readonly maxLength: 200;
                                };
                                readonly additionalProperties: {
                                    readonly type: "array";
                                    readonly items: {
                                        readonly type: "string";
                                        readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                        readonly maxLength: 100;
                                    };
                                };
                            };
                            readonly changed: {
                                readonly type: "array";
                                readonly items: {
                                    readonly type: "string";
                                    readonly minLength: 1;
                                    readonly maxLength: 1024;
                                };
                            };
                            readonly permissions: {
                                readonly type: "object";
                                readonly propertyNames: {
                                    readonly type: "string";
                                    readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                    readonly maxLength: 100;
                                };
                                readonly additionalProperties: {
                                    readonly enum: readonly ["admin", "maintain", "write", "triage", "read", "none"];
                                };
                            };
                            readonly commits: {
                                readonly type: "array";
                                readonly minItems: 1;
                                readonly items: {
                                    readonly type: "object";
                                    readonly additionalProperties: false;
                                    readonly required: readonly ["author"];
                                    readonly properties: {
                                        readonly author: {
                                            readonly type: "string";
                                            readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                            readonly maxLength: 100;
                                        };
                                        readonly committer: {
                                            readonly type: "string";
                                            readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                            readonly maxLength: 100;
                                        };
                                        readonly pushedBy: {
                                            readonly type: "string";
                                            readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                            readonly maxLength: 100;
                                        };
                                        readonly files: {
                                            readonly type: "array";
                                            readonly items: {
                                                readonly type: "string";
                                                readonly minLength: 1;
                                                readonly maxLength: 1024;
                                            };
                                        };
                                    };
                                };
                            };
                        };
                    };
                    readonly expect: {
                        readonly type: "object";
                        readonly additionalProperties: false;
                        readonly required: readonly ["verdict"];
                        readonly properties: {
                            readonly verdict: {
                                readonly enum: readonly ["allowed", "blocked", "error"];
                            };
                            readonly rules: {
                                readonly type: "array";
                                readonly items: {
                                    readonly type: "string";
                                    readonly pattern: "^[a-z0-9][a-z0-9._/-]*$";
                                    readonly maxLength: 128;
                                };
                                readonly uniqueItems: true;
                            };
                            readonly findings: {
                                readonly type: "array";
                                readonly items: {
                                    readonly type: "object";
                                    readonly additionalProperties: false;
                                    readonly required: readonly ["rule"];
                                    readonly properties: {
                                        readonly rule: {
                                            readonly type: "string";
                                            readonly pattern: "^[a-z0-9][a-z0-9._/-]*$";
                                            readonly maxLength: 128;
                                        };
                                        readonly messageId: {
                                            readonly type: "string";
                                            readonly minLength: 1;
                                            readonly maxLength: 128;
                                        };
                                        readonly enforcement: {
                                            readonly enum: readonly ["advisory", "soft-mandatory", "hard-mandatory"];
                                        };
                                        readonly status: {
                                            readonly enum: readonly ["blocking", "advisory", "overridden", "waived"];
                                        };
                                        readonly file: {
                                            readonly type: "string";
                                            readonly minLength: 1;
                                            readonly maxLength: 1024;
                                        };
                                        readonly line: {
                                            readonly type: "integer";
                                            readonly minimum: 1;
                                        };
                                    };
                                };
                            };
                        };
                    };
                };
            };
        };
    };
};
export declare const DOCUMENT_SCHEMAS: {
    readonly Operation: {
        readonly $id: "blastgate.dev/v1/Operation";
        readonly type: "object";
        readonly additionalProperties: false;
        readonly required: readonly ["apiVersion", "kind", "metadata", "spec"];
        readonly properties: {
            readonly apiVersion: {
                readonly const: "blastgate.dev/v1";
            };
            readonly kind: {
                readonly const: "Operation";
            };
            readonly metadata: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly required: readonly ["name"];
                readonly properties: {
                    readonly name: {
                        readonly type: "string";
                        readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                        readonly maxLength: 128;
                    };
                    readonly description: {
                        readonly type: "string";
                        readonly maxLength: 10000;
                    };
                    readonly ticket: {
                        readonly type: "string";
                        readonly minLength: 1;
                        readonly maxLength: 1024;
                        readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                    };
                    readonly requestedBy: {
                        readonly type: "string";
                        readonly minLength: 1;
                        readonly maxLength: 1024;
                        readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                    };
                    readonly executedBy: {
                        readonly type: "string";
                        readonly minLength: 1;
                        readonly maxLength: 1024;
                        readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                    };
                    readonly scripts: {
                        readonly type: "array";
                        readonly items: {
                            readonly type: "string";
                            readonly minLength: 1;
                            readonly maxLength: 1024;
                            readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                        };
                    };
                };
            };
            readonly spec: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly required: readonly ["environment", "action", "target", "deletion"];
                readonly properties: {
                    readonly environment: {
                        readonly type: "string";
                        readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                        readonly maxLength: 128;
                    };
                    readonly action: {
                        readonly type: "string";
                        readonly pattern: "^[a-z][a-z0-9_-]*$";
                        readonly maxLength: 128;
                    };
                    readonly target: {
                        readonly type: "object";
                        readonly additionalProperties: false;
                        readonly required: readonly ["kind", "identifiers"];
                        readonly properties: {
                            readonly kind: {
                                readonly type: "string";
                                readonly pattern: "^[a-z][a-z0-9_-]*$";
                                readonly maxLength: 128;
                            };
                            readonly expectedCount: {
                                readonly type: "integer";
                                readonly minimum: 0;
                            };
                            readonly identifiers: {
                                readonly anyOf: readonly [{
                                    readonly type: "array";
                                    readonly items: {
                                        readonly type: "string";
                                    };
                                }, {
                                    readonly type: "object";
                                    readonly additionalProperties: false;
                                    readonly required: readonly ["file"];
                                    readonly properties: {
                                        readonly file: {
                                            readonly type: "string";
                                            readonly minLength: 1;
                                        };
                                    };
                                }];
                            };
                        };
                    };
                    readonly deletion: {
                        readonly type: "object";
                        readonly additionalProperties: false;
                        readonly required: readonly ["mode"];
                        readonly properties: {
                            readonly mode: {
                                readonly enum: readonly ["soft", "hard"];
                            };
                            readonly retention: {
                                readonly type: "string";
                                readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                            };
                        };
                    };
                    readonly rollout: {
                        readonly type: "object";
                        readonly additionalProperties: false;
                        readonly required: readonly ["stages"];
                        readonly properties: {
                            readonly stages: {
                                readonly type: "array";
                                readonly minItems: 1;
                                readonly items: {
                                    readonly type: "object";
                                    readonly additionalProperties: false;
                                    readonly required: readonly ["name"];
                                    readonly properties: {
                                        readonly name: {
                                            readonly type: "string";
                                            readonly minLength: 1;
                                            readonly maxLength: 1024;
                                            readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                                        };
                                        readonly count: {
                                            readonly type: "integer";
                                            readonly minimum: 1;
                                        };
                                        readonly percent: {
                                            readonly type: "number";
                                            readonly exclusiveMinimum: 0;
                                            readonly maximum: 100;
                                        };
                                        readonly bake: {
                                            readonly type: "string";
                                            readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                                        };
                                    };
                                    readonly oneOf: readonly [{
                                        readonly required: readonly ["count"];
                                    }, {
                                        readonly required: readonly ["percent"];
                                    }];
                                };
                            };
                        };
                    };
                    readonly rollback: {
                        readonly type: "object";
                        readonly additionalProperties: false;
                        readonly required: readonly ["strategy"];
                        readonly properties: {
                            readonly strategy: {
                                readonly enum: readonly ["undelete", "restore-from-backup", "none"];
                            };
                            readonly runbook: {
                                readonly type: "string";
                                readonly pattern: "^https?://\\S+$";
                            };
                            readonly lastTested: {
                                readonly type: "string";
                                readonly pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$";
                            };
                            readonly restoreRate: {
                                readonly type: "string";
                                readonly pattern: "^[0-9]+(\\.[0-9]+)?/[smhdw]$";
                            };
                            readonly rto: {
                                readonly type: "string";
                                readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                            };
                        };
                    };
                };
            };
        };
    };
    readonly Catalog: {
        readonly $id: "blastgate.dev/v1/Catalog";
        readonly type: "object";
        readonly additionalProperties: false;
        readonly required: readonly ["apiVersion", "kind", "kinds", "actions"];
        readonly properties: {
            readonly apiVersion: {
                readonly const: "blastgate.dev/v1";
            };
            readonly kind: {
                readonly const: "Catalog";
            };
            readonly metadata: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly properties: {
                    readonly name: {
                        readonly type: "string";
                        readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                        readonly maxLength: 128;
                    };
                    readonly description: {
                        readonly type: "string";
                        readonly maxLength: 10000;
                    };
                };
            };
            readonly environments: {
                readonly type: "array";
                readonly items: {
                    readonly type: "string";
                    readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                    readonly maxLength: 128;
                };
                readonly minItems: 1;
            };
            readonly inventory: {
                readonly anyOf: readonly [{
                    readonly type: "string";
                    readonly minLength: 1;
                }, {
                    readonly type: "object";
                    readonly additionalProperties: false;
                    readonly required: readonly ["postgres"];
                    readonly properties: {
                        readonly postgres: {
                            readonly type: "object";
                            readonly additionalProperties: false;
                            readonly properties: {
                                readonly url: {
                                    readonly type: "string";
                                };
                                readonly table: {
                                    readonly type: "string";
                                    readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?$";
                                    readonly maxLength: 127;
                                };
                                readonly query: {
                                    readonly type: "string";
                                    readonly minLength: 1;
                                    readonly maxLength: 100000;
                                };
                                readonly columns: {
                                    readonly type: "object";
                                    readonly additionalProperties: false;
                                    readonly properties: {
                                        readonly id: {
                                            readonly type: "string";
                                            readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                            readonly maxLength: 63;
                                        };
                                        readonly kind: {
                                            readonly type: "string";
                                            readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                            readonly maxLength: 63;
                                        };
                                        readonly tenant: {
                                            readonly type: "string";
                                            readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                            readonly maxLength: 63;
                                        };
                                        readonly customer: {
                                            readonly type: "string";
                                            readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                            readonly maxLength: 63;
                                        };
                                        readonly environment: {
                                            readonly type: "string";
                                            readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                            readonly maxLength: 63;
                                        };
                                        readonly parent: {
                                            readonly type: "string";
                                            readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                            readonly maxLength: 63;
                                        };
                                        readonly protected: {
                                            readonly type: "string";
                                            readonly pattern: "^[A-Za-z_][A-Za-z0-9_$]*$";
                                            readonly maxLength: 63;
                                        };
                                    };
                                };
                            };
                        };
                    };
                }];
            };
            readonly kinds: {
                readonly type: "object";
                readonly propertyNames: {
                    readonly type: "string";
                    readonly pattern: "^[a-z][a-z0-9_-]*$";
                    readonly maxLength: 128;
                };
                readonly minProperties: 1;
                readonly additionalProperties: {
                    readonly type: "object";
                    readonly additionalProperties: false;
                    readonly required: readonly ["identifier"];
                    readonly properties: {
                        readonly description: {
                            readonly type: "string";
                            readonly maxLength: 10000;
                        };
                        readonly identifier: {
                            readonly type: "object";
                            readonly additionalProperties: false;
                            readonly required: readonly ["pattern"];
                            readonly properties: {
                                readonly pattern: {
                                    readonly type: "string";
                                    readonly minLength: 1;
                                    readonly maxLength: 4096;
                                };
                                readonly examples: {
                                    readonly type: "array";
                                    readonly minItems: 1;
                                    readonly maxItems: 100;
                                    readonly items: {
                                        readonly type: "string";
                                        readonly minLength: 1;
                                        readonly maxLength: 512;
                                    };
                                };
                            };
                        };
                        readonly parent: {
                            readonly type: "string";
                            readonly pattern: "^[a-z][a-z0-9_-]*$";
                            readonly maxLength: 128;
                        };
                        readonly products: {
                            readonly type: "array";
                            readonly items: {
                                readonly type: "string";
                                readonly minLength: 1;
                                readonly maxLength: 1024;
                                readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                            };
                        };
                        readonly owner: {
                            readonly type: "string";
                            readonly minLength: 1;
                        };
                        readonly restoreRate: {
                            readonly type: "string";
                            readonly pattern: "^[0-9]+(\\.[0-9]+)?/[smhdw]$";
                        };
                    };
                };
            };
            readonly actions: {
                readonly type: "object";
                readonly propertyNames: {
                    readonly type: "string";
                    readonly pattern: "^[a-z][a-z0-9_-]*$";
                    readonly maxLength: 128;
                };
                readonly minProperties: 1;
                readonly additionalProperties: {
                    readonly type: "object";
                    readonly additionalProperties: false;
                    readonly required: readonly ["target", "destructive"];
                    readonly properties: {
                        readonly target: {
                            readonly type: "string";
                            readonly pattern: "^[a-z][a-z0-9_-]*$";
                            readonly maxLength: 128;
                        };
                        readonly destructive: {
                            readonly type: "boolean";
                        };
                        readonly description: {
                            readonly type: "string";
                            readonly maxLength: 10000;
                        };
                    };
                };
            };
            readonly products: {
                readonly type: "object";
                readonly propertyNames: {
                    readonly type: "string";
                    readonly pattern: "^[a-z][a-z0-9_-]*$";
                    readonly maxLength: 128;
                };
                readonly additionalProperties: {
                    readonly type: "object";
                    readonly additionalProperties: false;
                    readonly required: readonly ["rpo", "restorePoint"];
                    readonly properties: {
                        readonly rpo: {
                            readonly type: "string";
                            readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                        };
                        readonly restorePoint: {
                            readonly type: "string";
                            readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                        };
                        readonly datastores: {
                            readonly type: "array";
                            readonly items: {
                                readonly type: "string";
                                readonly minLength: 1;
                                readonly maxLength: 1024;
                                readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                            };
                        };
                        readonly description: {
                            readonly type: "string";
                            readonly maxLength: 10000;
                        };
                    };
                };
            };
        };
    };
    readonly Policy: {
        readonly $id: "blastgate.dev/v1/Policy";
        readonly type: "object";
        readonly additionalProperties: false;
        readonly required: readonly ["apiVersion", "kind", "rules"];
        readonly properties: {
            readonly apiVersion: {
                readonly const: "blastgate.dev/v1";
            };
            readonly overrideTeams: {
                readonly type: "array";
                readonly items: {
                    readonly type: "string";
                    readonly pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$";
                    readonly maxLength: 200;
                };
                readonly uniqueItems: true;
            };
            readonly overrideUsers: {
                readonly type: "array";
                readonly items: {
                    readonly type: "string";
                    readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                    readonly maxLength: 100;
                };
                readonly uniqueItems: true;
            };
            readonly kind: {
                readonly const: "Policy";
            };
            readonly metadata: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly properties: {
                    readonly name: {
                        readonly type: "string";
                        readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                        readonly maxLength: 128;
                    };
                    readonly description: {
                        readonly type: "string";
                        readonly maxLength: 10000;
                    };
                };
            };
            readonly limits: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly properties: {
                    [k: string]: {
                        anyOf: ({
                            readonly type: "string";
                            readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                        } | {
                            type: string;
                            minimum: number;
                        })[];
                        type?: never;
                        minimum?: never;
                    } | {
                        anyOf?: never;
                        type: string;
                        minimum: number;
                    };
                };
            };
            readonly waivers: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly properties: {
                    readonly maxExpiry: {
                        readonly type: "string";
                        readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                    };
                };
            };
            readonly budgets: {
                readonly type: "array";
                readonly items: {
                    readonly type: "object";
                    readonly additionalProperties: false;
                    readonly required: readonly ["kind", "window"];
                    readonly properties: {
                        readonly kind: {
                            readonly type: "string";
                            readonly pattern: "^[a-z][a-z0-9_-]*$";
                            readonly maxLength: 128;
                        };
                        readonly maxShare: {
                            readonly type: "number";
                            readonly minimum: 0;
                            readonly maximum: 1;
                        };
                        readonly maxCount: {
                            readonly type: "integer";
                            readonly minimum: 0;
                        };
                        readonly maxCustomers: {
                            readonly type: "integer";
                            readonly minimum: 0;
                        };
                        readonly window: {
                            readonly type: "string";
                            readonly pattern: "^(0|([0-9]+[smhdwy])+)$";
                        };
                    };
                };
            };
            readonly rules: {
                readonly type: "array";
                readonly items: {
                    readonly type: "object";
                    readonly additionalProperties: false;
                    readonly required: readonly ["id", "type", "enforcement"];
                    readonly properties: {
                        readonly overrideTeams: {
                            readonly type: "array";
                            readonly items: {
                                readonly type: "string";
                                readonly pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$";
                                readonly maxLength: 200;
                            };
                            readonly uniqueItems: true;
                        };
                        readonly overrideUsers: {
                            readonly type: "array";
                            readonly items: {
                                readonly type: "string";
                                readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                readonly maxLength: 100;
                            };
                            readonly uniqueItems: true;
                        };
                        readonly id: {
                            readonly type: "string";
                            readonly pattern: "^[a-z0-9][a-z0-9._/-]*$";
                            readonly maxLength: 128;
                        };
                        readonly type: {
                            readonly type: "string";
                        };
                        readonly enforcement: {
                            readonly enum: readonly ["advisory", "soft-mandatory", "hard-mandatory"];
                        };
                        readonly description: {
                            readonly type: "string";
                            readonly maxLength: 10000;
                        };
                        readonly match: {
                            readonly type: "object";
                            readonly additionalProperties: false;
                            readonly properties: {
                                readonly environment: {
                                    readonly anyOf: readonly [{
                                        readonly type: "string";
                                        readonly minLength: 1;
                                    }, {
                                        readonly type: "array";
                                        readonly items: {
                                            readonly type: "string";
                                            readonly minLength: 1;
                                        };
                                        readonly minItems: 1;
                                    }];
                                };
                                readonly action: {
                                    readonly anyOf: readonly [{
                                        readonly type: "string";
                                        readonly minLength: 1;
                                    }, {
                                        readonly type: "array";
                                        readonly items: {
                                            readonly type: "string";
                                            readonly minLength: 1;
                                        };
                                        readonly minItems: 1;
                                    }];
                                };
                                readonly kind: {
                                    readonly anyOf: readonly [{
                                        readonly type: "string";
                                        readonly minLength: 1;
                                    }, {
                                        readonly type: "array";
                                        readonly items: {
                                            readonly type: "string";
                                            readonly minLength: 1;
                                        };
                                        readonly minItems: 1;
                                    }];
                                };
                                readonly paths: {
                                    readonly anyOf: readonly [{
                                        readonly type: "string";
                                        readonly minLength: 1;
                                    }, {
                                        readonly type: "array";
                                        readonly items: {
                                            readonly type: "string";
                                            readonly minLength: 1;
                                        };
                                        readonly minItems: 1;
                                    }];
                                };
                            };
                        };
                        readonly with: {
                            readonly type: "object";
                        };
                    };
                };
            };
        };
    };
    readonly Waiver: {
        readonly $id: "blastgate.dev/v1/Waiver";
        readonly type: "object";
        readonly additionalProperties: false;
        readonly required: readonly ["apiVersion", "kind", "metadata", "spec"];
        readonly properties: {
            readonly apiVersion: {
                readonly const: "blastgate.dev/v1";
            };
            readonly kind: {
                readonly const: "Waiver";
            };
            readonly metadata: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly properties: {
                    readonly name: {
                        readonly type: "string";
                        readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                        readonly maxLength: 128;
                    };
                    readonly description: {
                        readonly type: "string";
                        readonly maxLength: 10000;
                    };
                };
                readonly required: readonly ["name"];
            };
            readonly spec: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly required: readonly ["manifest", "rules", "reason", "owner", "expires"];
                readonly properties: {
                    readonly manifest: {
                        readonly type: "string";
                        readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                        readonly maxLength: 128;
                    };
                    readonly rules: {
                        readonly type: "array";
                        readonly items: {
                            readonly type: "string";
                            readonly pattern: "^[a-z0-9][a-z0-9._/-]*$";
                            readonly maxLength: 128;
                        };
                        readonly minItems: 1;
                        readonly uniqueItems: true;
                    };
                    readonly reason: {
                        readonly type: "string";
                        readonly maxLength: 2000;
                        readonly pattern: "^(?=.*\\S)[^\\u0000-\\u001f\\u007f]+$";
                    };
                    readonly owner: {
                        readonly type: "string";
                        readonly maxLength: 200;
                        readonly pattern: "^(?=.*\\S)[^\\u0000-\\u001f\\u007f]+$";
                    };
                    readonly expires: {
                        readonly type: "string";
                        readonly pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
                    };
                    readonly digest: {
                        readonly type: "string";
                        readonly pattern: "^sha256:[0-9a-f]{64}$";
                    };
                };
            };
        };
    };
    readonly PolicyTest: {
        readonly $id: "blastgate.dev/v1/PolicyTest";
        readonly type: "object";
        readonly additionalProperties: false;
        readonly required: readonly ["apiVersion", "kind", "metadata", "cases"];
        readonly properties: {
            readonly apiVersion: {
                readonly const: "blastgate.dev/v1";
            };
            readonly kind: {
                readonly const: "PolicyTest";
            };
            readonly metadata: {
                readonly type: "object";
                readonly additionalProperties: false;
                readonly properties: {
                    readonly name: {
                        readonly type: "string";
                        readonly pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
                        readonly maxLength: 128;
                    };
                    readonly description: {
                        readonly type: "string";
                        readonly maxLength: 10000;
                    };
                };
                readonly required: readonly ["name"];
            };
            readonly cases: {
                readonly type: "array";
                readonly minItems: 1;
                readonly items: {
                    readonly type: "object";
                    readonly additionalProperties: false;
                    readonly required: readonly ["name", "expect"];
                    readonly oneOf: readonly [{
                        readonly required: readonly ["manifest"];
                    }, {
                        readonly required: readonly ["operation"];
                    }];
                    readonly properties: {
                        readonly name: {
                            readonly type: "string";
                            readonly minLength: 1;
                            readonly maxLength: 1024;
                            readonly pattern: "^[^\\u0000-\\u001f\\u007f]+$";
                        };
                        readonly manifest: {
                            readonly type: "string";
                            readonly minLength: 1;
                            readonly maxLength: 1024;
                        };
                        readonly operation: {
                            readonly type: "object";
                        };
                        readonly now: {
                            readonly type: "string";
                            readonly pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$";
                        };
                        readonly fixtures: {
                            readonly type: "object";
                            readonly additionalProperties: false;
                            readonly properties: {
                                readonly inventory: {
                                    readonly type: "array";
                                    readonly items: {
                                        readonly type: "object";
                                        readonly additionalProperties: false;
                                        readonly required: readonly ["id", "kind", "tenant", "customer"];
                                        readonly properties: {
                                            readonly id: {
                                                readonly type: "string";
                                                readonly minLength: 1;
                                            };
                                            readonly kind: {
                                                readonly type: "string";
                                                readonly pattern: "^[a-z][a-z0-9_-]*$";
                                                readonly maxLength: 128;
                                            };
                                            readonly tenant: {
                                                readonly type: "string";
                                            };
                                            readonly customer: {
                                                readonly type: "string";
                                            };
                                            readonly environment: {
                                                readonly type: "string";
                                            };
                                            readonly parent: {
                                                readonly type: "string";
                                            };
                                            readonly protected: {
                                                readonly type: "boolean";
                                            };
                                        };
                                    };
                                };
                                readonly reviews: {
                                    readonly type: "array";
                                    readonly items: {
                                        readonly type: "object";
                                        readonly required: readonly ["user", "state"];
                                        readonly properties: {
                                            readonly id: {
                                                readonly type: "integer";
                                            };
                                            readonly user: {
                                                readonly anyOf: readonly [{
                                                    readonly type: "string";
                                                    readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                                    readonly maxLength: 100;
                                                }, {
                                                    readonly type: "object";
                                                    readonly required: readonly ["login"];
                                                    readonly properties: {
                                                        readonly login: {
                                                            readonly type: "string";
                                                            readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                                            readonly maxLength: 100;
                                                        };
                                                    };
                                                }];
                                            };
                                            readonly state: {
                                                readonly enum: readonly ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"];
                                            };
                                            readonly body: {
                                                readonly type: "string";
                                            };
                                            readonly editedBy: {
                                                readonly type: "string";
                                                readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                                readonly maxLength: 100;
                                            };
                                        };
                                    };
                                };
                                readonly author: {
                                    readonly type: "string";
                                    readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                    readonly maxLength: 100;
                                };
                                readonly org: {
                                    readonly type: "string";
                                    readonly minLength: 1;
                                    readonly maxLength: 100;
                                };
                                readonly teams: {
                                    readonly type: "object";
                                    readonly propertyNames: {
                                        readonly type: "string";
                                        readonly pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$";
                                        readonly maxLength: 200;
                                    };
                                    readonly additionalProperties: {
                                        readonly type: "array";
                                        readonly items: {
                                            readonly type: "string";
                                            readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                            readonly maxLength: 100;
                                        };
                                    };
                                };
                                readonly changed: {
                                    readonly type: "array";
                                    readonly items: {
                                        readonly type: "string";
                                        readonly minLength: 1;
                                        readonly maxLength: 1024;
                                    };
                                };
                                readonly permissions: {
                                    readonly type: "object";
                                    readonly propertyNames: {
                                        readonly type: "string";
                                        readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                        readonly maxLength: 100;
                                    };
                                    readonly additionalProperties: {
                                        readonly enum: readonly ["admin", "maintain", "write", "triage", "read", "none"];
                                    };
                                };
                                readonly commits: {
                                    readonly type: "array";
                                    readonly minItems: 1;
                                    readonly items: {
                                        readonly type: "object";
                                        readonly additionalProperties: false;
                                        readonly required: readonly ["author"];
                                        readonly properties: {
                                            readonly author: {
                                                readonly type: "string";
                                                readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                                readonly maxLength: 100;
                                            };
                                            readonly committer: {
                                                readonly type: "string";
                                                readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                                readonly maxLength: 100;
                                            };
                                            readonly pushedBy: {
                                                readonly type: "string";
                                                readonly pattern: "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\[bot\\])?$";
                                                readonly maxLength: 100;
                                            };
                                            readonly files: {
                                                readonly type: "array";
                                                readonly items: {
                                                    readonly type: "string";
                                                    readonly minLength: 1;
                                                    readonly maxLength: 1024;
                                                };
                                            };
                                        };
                                    };
                                };
                            };
                        };
                        readonly expect: {
                            readonly type: "object";
                            readonly additionalProperties: false;
                            readonly required: readonly ["verdict"];
                            readonly properties: {
                                readonly verdict: {
                                    readonly enum: readonly ["allowed", "blocked", "error"];
                                };
                                readonly rules: {
                                    readonly type: "array";
                                    readonly items: {
                                        readonly type: "string";
                                        readonly pattern: "^[a-z0-9][a-z0-9._/-]*$";
                                        readonly maxLength: 128;
                                    };
                                    readonly uniqueItems: true;
                                };
                                readonly findings: {
                                    readonly type: "array";
                                    readonly items: {
                                        readonly type: "object";
                                        readonly additionalProperties: false;
                                        readonly required: readonly ["rule"];
                                        readonly properties: {
                                            readonly rule: {
                                                readonly type: "string";
                                                readonly pattern: "^[a-z0-9][a-z0-9._/-]*$";
                                                readonly maxLength: 128;
                                            };
                                            readonly messageId: {
                                                readonly type: "string";
                                                readonly minLength: 1;
                                                readonly maxLength: 128;
                                            };
                                            readonly enforcement: {
                                                readonly enum: readonly ["advisory", "soft-mandatory", "hard-mandatory"];
                                            };
                                            readonly status: {
                                                readonly enum: readonly ["blocking", "advisory", "overridden", "waived"];
                                            };
                                            readonly file: {
                                                readonly type: "string";
                                                readonly minLength: 1;
                                                readonly maxLength: 1024;
                                            };
                                            readonly line: {
                                                readonly type: "integer";
                                                readonly minimum: 1;
                                            };
                                        };
                                    };
                                };
                            };
                        };
                    };
                };
            };
        };
    };
};
export type DocumentKind = keyof typeof DOCUMENT_SCHEMAS;
