//go:build !unix

package ner

import "time"

// processCPU is zero where getrusage is missing: no CPU time metrics.
func processCPU() time.Duration { return 0 }
