package samplegen_test

import (
	"fmt"

	"github.com/wirestream/wirestream/internal/samplegen"
)

func ExampleGenerator_Next() {
	g := samplegen.New(42, samplegen.WithFormats(0.6, 0.3, 0.1), samplegen.WithDuplicates(0.05))
	for range 3 {
		a := g.Next()
		fmt.Println(a.ID, a.Format.ContentType(), len(a.Payload) >= samplegen.MinSize)
	}
	// Output:
	// gen-42-0 text/plain; charset=utf-8 true
	// gen-42-1 application/json true
	// gen-42-2 text/plain; charset=utf-8 true
}
