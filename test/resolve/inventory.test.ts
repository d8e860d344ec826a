import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Inventory, InventoryParser, type InventoryObject } from "../../src/resolve/inventory.js";

/**
 * The Inventory is held in typed columns with parents as rows (for speed and memory); these tests hold
 * it to the plain model it replaced: objects by id, the first of two with one id wins, and "contained
 * in" walks parent ids.
 */
class Model {
  readonly rows: InventoryObject[] = [];
  private readonly byId = new Map<string, number>();

  add(o: InventoryObject): boolean {
    if (this.byId.has(o.id)) return false;
    this.byId.set(o.id, this.rows.length);
    const row: InventoryObject = { id: o.id, kind: o.kind, tenant: o.tenant, customer: o.customer, protected: o.protected };
    if (o.environment) row.environment = o.environment;
    if (o.parent) row.parent = o.parent;
    this.rows.push(row);
    return true;
  }

  row(id: string): number | undefined {
    return this.byId.get(id);
  }

  containedIn(rows: number[]): number[] {
    const children = new Map<string, number[]>();
    this.rows.forEach((o, r) => {
      if (o.parent) children.set(o.parent, [...(children.get(o.parent) ?? []), r]);
    });
    const seen = new Set(rows);
    const out: number[] = [];
    const stack = [...seen];
    while (stack.length > 0) {
      const r = stack.pop()!;
      for (const c of children.get(this.rows[r]!.id) ?? []) {
        if (seen.has(c)) continue;
        seen.add(c);
        out.push(c);
        stack.push(c);
      }
    }
    return out;
  }
}

// Few ids, so duplicates, parents named before and after their children, missing parents and cycles all occur.
const id = fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h");
const object = fc.record(
  {
    id,
    kind: fc.constantFrom("site", "app", "database"),
    tenant: fc.constantFrom("t1", "t2", "t3"),
    customer: fc.constantFrom("c1", "c2"),
    environment: fc.constantFrom("production", "staging", ""),
    parent: fc.oneof(id, fc.constant(""), fc.constant("not-in-inventory")),
    protected: fc.boolean(),
  },
  { requiredKeys: ["id", "kind", "tenant", "customer", "protected"] },
);

describe("Inventory", () => {
  it("answers as the plain model does, whatever the rows", () => {
    fc.assert(
      fc.property(fc.array(object, { maxLength: 30 }), fc.array(id, { maxLength: 5 }), (objects, targets) => {
        const inventory = new Inventory("inventory.ndjson");
        const model = new Model();
        for (const o of objects) expect(inventory.add(o)).toBe(model.add(o));

        expect(inventory.size).toBe(model.rows.length);
        model.rows.forEach((o, r) => {
          expect(inventory.row(o.id)).toBe(r);
          expect(inventory.at(r)).toEqual(o);
          expect(inventory.get(o.id)).toEqual(o);
          expect(inventory.kindOf(r)).toBe(o.kind);
          expect(inventory.environmentOf(r)).toBe(o.environment);
          expect(inventory.isProtected(r)).toBe(o.protected);
          for (let s = 0; s < model.rows.length; s++) {
            expect(inventory.distinctTenants([r, s])).toBe(o.tenant === model.rows[s]!.tenant ? 1 : 2);
            expect(inventory.distinctCustomers([r, s])).toBe(o.customer === model.rows[s]!.customer ? 1 : 2);
          }
        });
        expect(inventory.get("not-in-inventory")).toBeUndefined();
        for (const kind of ["site", "app", "database", "other"]) expect(inventory.countOfKind(kind)).toBe(model.rows.filter((o) => o.kind === kind).length);
        expect([...inventory.environmentNames()]).toEqual([...new Set(model.rows.map((o) => o.environment).filter(Boolean))]);

        const rows = targets.map((t) => model.row(t)).filter((r) => r !== undefined);
        expect(inventory.containedIn(rows)).toEqual(model.containedIn(rows));
        // Asked again (the marks of the first walk are cleared), and for nothing.
        expect(inventory.containedIn(rows)).toEqual(model.containedIn(rows));
        expect(inventory.containedIn([])).toEqual([]);
        expect(inventory.distinctTenants(rows)).toBe(new Set(rows.map((r) => model.rows[r]!.tenant)).size);
        expect(inventory.distinctCustomers(rows)).toBe(new Set(rows.map((r) => model.rows[r]!.customer)).size);
        expect(inventory.distinctOwners(rows)).toEqual({ tenants: inventory.distinctTenants(rows), customers: inventory.distinctCustomers(rows) });
      }),
      { numRuns: 300 },
    );
  });

  it("links a child to a parent added after it, also after a first question", () => {
    const inventory = new Inventory("inventory.ndjson");
    inventory.add({ id: "app-1", kind: "app", tenant: "t", customer: "c", parent: "site-1", protected: false });
    expect(inventory.containedIn([0])).toEqual([]);
    expect(inventory.at(0).parent).toBe("site-1");
    inventory.add({ id: "site-1", kind: "site", tenant: "t", customer: "c", protected: false });
    expect(inventory.containedIn([inventory.row("site-1")!])).toEqual([0]);
  });
});

describe("InventoryParser", () => {
  it("reads NDJSON in any chunking, children before parents, the first of two rows with one id kept", () => {
    const text = [
      '{"id":"app-1","kind":"app","tenant":"t1","customer":"c1","environment":"production","parent":"site-1"}',
      '{"id":"site-1","kind":"site","tenant":"t1","customer":"c1","environment":"production"}',
      '{"id":"app-1","kind":"site","tenant":"t9","customer":"c9"}',
      '{"id":"db-1","kind":"database","tenant":"t2","customer":"c2","parent":"app-1","protected":true}',
    ].join("\r\n");
    for (const size of [1, 7, 64, text.length]) {
      const parser = new InventoryParser("inventory.ndjson");
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      const { inventory, problems } = parser.end();
      expect(problems.map((p) => `${p.location.line}: ${p.message}`)).toEqual(["3: duplicate id 'app-1' in the inventory"]);
      expect(inventory.size).toBe(3);
      expect(inventory.get("app-1")).toEqual({ id: "app-1", kind: "app", tenant: "t1", customer: "c1", environment: "production", parent: "site-1", protected: false });
      expect(inventory.containedIn([inventory.row("site-1")!]).map((r) => inventory.at(r).id)).toEqual(["app-1", "db-1"]);
    }
  });

  it("refuses ids and names that are not printable ASCII without spaces, saying which field and why", () => {
    const row = (fields: Record<string, string>) => JSON.stringify({ id: "site-1", kind: "site", tenant: "t1", customer: "c1", ...fields });
    const text = [row({ id: "x".repeat(513) }), row({ id: "site-2", tenant: "t 1" }), row({ id: "site-3", customer: "c\u00e91" }), row({ id: "site-4", parent: "p\t1" }), row({ id: "site-5", tenant: "" }), row({ id: "y".repeat(512) })].join(
      "\n",
    );
    const parser = new InventoryParser("inventory.ndjson");
    parser.push(text);
    const { inventory, problems } = parser.end();
    expect(problems.map((p) => `${p.location.line}: ${p.message}`)).toEqual([
      `1: malformed inventory row: id '${"x".repeat(77)}...' is longer than 512 characters`,
      "2: malformed inventory row: tenant 't 1' holds white space, control or non-ASCII characters",
      "3: malformed inventory row: customer 'c\\u{e9}1' holds white space, control or non-ASCII characters",
      "4: malformed inventory row: parent 'p\\u{9}1' holds white space, control or non-ASCII characters",
      "5: malformed inventory row: field 'tenant' is empty",
    ]);
    expect(inventory.size).toBe(1);
  });
});
