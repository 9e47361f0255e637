// Command shoulder checks the customer's half of the AWS shared
// responsibility model. See `shoulder --help`.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/shoulder-dev/shoulder/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.NewApp().Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
