#!/usr/bin/env node
// The `sandlot` CLI (package.json "bin"). Source: scripts/cli/. Docs: docs/cli.md.
import { main } from "./cli/main.mjs";

process.exitCode = await main(process.argv.slice(2));
