package extract

// The public lists in data/ (pwc-datasets.tsv, helm-models.tsv,
// modelsdev-models.tsv) and the source column of data/entities.tsv are made
// by internal/listgen from the raw lists in ../shared/gazetteer-sources
// (relative to the repository root); -src names another directory.
//go:generate go run ./internal/listgen
