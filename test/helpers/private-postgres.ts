/**
 * A private PostgreSQL server for fault tests (stopping and restarting the database), never the shared
 * one the rest of the suite uses: Debian's binaries run a throwaway cluster in a temp dir on a free port
 * (as the postgres user when root). Always `destroy()` it (in `after`, or `finally`).
 */
export { type PrivatePostgres, postgresBinDir, startPrivatePostgres } from '../../scripts/private-postgres.mjs';
