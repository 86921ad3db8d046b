const PAGE = 1000;

/** Reads a table in id order, a page at a time (keyset paging: each page costs the same however deep). */
export async function* keysetPages<T>(
  fetchPage: (input: { after: number; limit: number }) => Promise<T[]>,
  idOf: (row: T) => number,
  pageSize: number = PAGE,
): AsyncGenerator<T[]> {
  let after = 0;
  for (;;) {
    const rows = await fetchPage({ after, limit: pageSize });
    if (rows.length === 0) return;
    after = idOf(rows[rows.length - 1]!);
    yield rows;
  }
}
