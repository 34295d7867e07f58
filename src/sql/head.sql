-- transcript 1.0: install script, assembled from src/sql/*.sql by the Makefile.
-- Every object is qualified with @extschema@; nothing relies on the caller's
-- search_path.

\echo Use "CREATE EXTENSION transcript" to load this file. \quit
