// Command parley is a multilingual auto-reply and translation gateway for
// helpdesks. Run it with no arguments (or "serve") to start the gateway; see
// "parley help" for the other commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // PARLEY_TIMEZONE works on images without a zoneinfo database
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "parley:", err)
		stop()
		os.Exit(1)
	}
}
