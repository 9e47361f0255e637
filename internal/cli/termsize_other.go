//go:build !(linux || darwin || freebsd)

package cli

import "os"

// terminalColumns is 0 where shoulder does not ask the terminal for its
// width: the table then uses COLUMNS or the default width.
func terminalColumns(*os.File) int { return 0 }
