// Package extracttest holds the test helpers that the extraction stages
// under internal/extract share: golden files under testdata/ rewritten by
// the -update flag, the project's sample articles, documents laid out the
// way the decode stage lays them out, and running stages on a document.
//
// It is imported only by tests. It imports no stage, so that every stage's
// own tests can use it; callers build the stages they need and pass them
// in. The -update flag is registered here, once for every test binary
// that imports the package; stage tests must not register their own.
package extracttest
