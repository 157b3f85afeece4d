# syntax=docker/dockerfile:1
# wirestream container image: the worker (entrypoint) plus the publisher and
# tail tools, built exactly like `make build` (static, CGO_ENABLED=0,
# -trimpath, the version stamped into internal/app.Version) and run on a
# distroless base without shell or package manager, as the non-root user
# 65532. Build with `make image`; deploy/k8s/crosscheck_test.go checks this file
# against the Makefile.

ARG GO_VERSION=1.26

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS build
ARG TARGETOS
ARG TARGETARCH
ARG VERSION=dev
# Never switch toolchains behind the Dockerfile's back.
ENV GOTOOLCHAIN=local
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -ldflags "-s -w -X github.com/wirestream/wirestream/internal/app.Version=${VERSION}" \
      -o /out/ ./cmd/worker ./cmd/publisher ./cmd/tail

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/worker /out/publisher /out/tail /usr/local/bin/
USER 65532:65532
# /metrics, /healthz and /readyz (--http-addr).
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/worker"]
