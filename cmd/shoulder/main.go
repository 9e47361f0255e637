// Command shoulder checks the customer's half of the AWS shared
// responsibility model. See `shoulder --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/shoulder-dev/shoulder/internal/cli"
)

func main() {
	// SIGTERM (how CI runners and Kubernetes stop a job) is handled like
	// Ctrl-C: a collection stops cleanly, keeps what it read, exits 2.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.NewApp().Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
