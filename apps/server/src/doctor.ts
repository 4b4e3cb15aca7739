// `pnpm run doctor [--salvage DOC] [--data-dir DIR]`: checks the SQLite database in DATA_DIR
// (default ./data; relative to the repository root, like `npm start`) and every document's
// stored state;
// exit code 0 when everything loads, 1 when something is damaged, 2 on a usage error.
// --salvage rebuilds one damaged document from what still loads (maintenance/doctor.ts).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { examine, formatReport, formatSalvage, isHealthy, SalvageRefused, salvage } from './maintenance/doctor.ts';
import { DB_FILE_NAME } from './server.ts';
import { openDatabase } from './storage/sqlite-connection.ts';

function main(): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (err) {
    console.error(`${(err as Error).message}\nusage: pnpm run doctor [--salvage DOC] [--data-dir DIR]`);
    return 2;
  }
  // pnpm runs this in apps/server; a relative DATA_DIR is taken from the root, as `npm start` does.
  const base = process.env.INIT_CWD ?? process.cwd();
  const file = join(resolve(base, args['data-dir'] ?? process.env.DATA_DIR ?? './data'), DB_FILE_NAME);
  if (!existsSync(file)) {
    console.error(`no database at ${file} (set DATA_DIR or --data-dir)`);
    return 2;
  }
  console.log(`checking ${file}`);
  const docId = args.salvage;
  if (docId) {
    // Migrates (damaged_rows) like the server does at start-up.
    const db = openDatabase(file);
    try {
      console.log(formatSalvage(salvage(db, docId, Date.now())));
    } catch (err) {
      if (!(err instanceof SalvageRefused)) throw err;
      console.error(`salvage refused: ${err.message}`);
      return 1;
    } finally {
      db.close();
    }
  }
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const report = examine(db);
    console.log(formatReport(report));
    return isHealthy(report) ? 0 : 1;
  } finally {
    db.close();
  }
}

type Args = { salvage?: string; 'data-dir'?: string };

// Hand-rolled rather than node:util parseArgs: document ids may begin with '-', which parseArgs
// refuses as an option value ("argument is ambiguous"). `--salvage ID` and `--salvage=ID` both work.
function parse(argv: readonly string[] = process.argv.slice(2)): Args {
  const args: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (name !== '--salvage' && name !== '--data-dir') throw new Error(`unknown argument '${arg}'`);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (!value) throw new Error(`${name} needs a value`);
    args[name.slice(2) as keyof Args] = value;
  }
  return args;
}

process.exitCode = main();
