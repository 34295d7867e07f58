// Can DuckDB-Wasm, which Evidence uses to store and query the source data,
// write Parquet here?  Its Parquet support is an extension that it fetches
// from DuckDB's extension site the first time it is needed.  Prints "ok"
// when it can; test/t/dashboard.sh runs this under a time limit.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('@duckdb/duckdb-wasm'));
const { createDuckDB, NODE_RUNTIME, VoidLogger } = require(resolve(dist, 'duckdb-node-blocking.cjs'));
const db = await createDuckDB({
	mvp: { mainModule: resolve(dist, 'duckdb-mvp.wasm'), mainWorker: resolve(dist, 'duckdb-node-mvp.worker.cjs') },
	eh: { mainModule: resolve(dist, 'duckdb-eh.wasm'), mainWorker: resolve(dist, 'duckdb-node-eh.worker.cjs') }
}, new VoidLogger(), NODE_RUNTIME);
await db.instantiate();
db.open({});
const c = db.connect();
c.query(`COPY (SELECT 1 AS a) TO '${resolve(tmpdir(), `duckdb-probe-${process.pid}.parquet`)}' (FORMAT PARQUET)`);
console.log('ok');
process.exit(0);
