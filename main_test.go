package main

import (
	"os"
	"testing"
)

// childEnv makes the test binary run as parley itself, so that tests can
// start, kill and restart a real process without building one.
const childEnv = "PARLEY_TEST_RUN_AS_PARLEY"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}
