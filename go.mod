module github.com/wirestream/wirestream

go 1.26.0
