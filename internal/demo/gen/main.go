// Command gen writes the demo account snapshot from internal/demo/builder.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/shoulder-dev/shoulder/internal/demo/builder"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func main() {
	out := flag.String("o", "demo.json", "output file")
	flag.Parse()
	if err := state.SaveSnapshot(*out, builder.Build(), "shoulder demo builder"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
