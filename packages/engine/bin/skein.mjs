#!/usr/bin/env node
// The `skein` command. This file is committed (not built) so that npm links the command when it
// installs the workspace, before `prepare` has built dist/.
import "../dist/cli.js";
