/*
Papergraph turns a batch of papers into a graph of how they connect: the
code repositories, datasets, benchmarks and models their abstracts name, the
papers that share them, and the papers that cite each other.

Usage:

	papergraph build   [flags] [INPUT ...]  write the graph (DOT, SVG, PNG, GraphML, GEXF, JSON, CSV)
	papergraph extract [flags] [INPUT ...]  print what each paper names, as JSON Lines
	papergraph extract -format parquet -o DIR [INPUT ...]  write it as mention tables, for an engine
	papergraph export -nodes FILE -edges FILE  write an engine's projection in every format
	papergraph fetch   [flags] INPUT ...    print the papers fetched, as a batch papergraph reads
	papergraph formats                      list the input formats papergraph reads
	papergraph path [-dot] A B [INPUT ...]  a shortest chain between two nodes, each link with its evidence
	papergraph neighbours [-depth N] [-dot] ID [INPUT ...]  the nodes within N links of ID
	papergraph diff [-o DIR] OLD NEW        what changed between two batches or written graphs
	papergraph -version                     print the version

For example, a day's Hugging Face papers and what they cite, in every format:

	papergraph build hf:daily:2026-12-01 -enrich refs -formats all

An INPUT is a FILE or a source (below).

FILE "-" is standard input. With no FILE, papergraph reads standard input
when it is a pipe or a file (cat papers.jsonl | papergraph build), else
(a terminal, /dev/null) the Hugging Face trending page embedded in the
binary (61 papers). Flags may come before or after the files; after "--"
every argument is a file. Inputs are opened one at a time. Input formats are
detected from content (gzip-compressed files too): the Hugging Face
trending-page text and daily-papers JSON, arXiv Atom feeds and metadata
JSON Lines, OpenAlex works, Semantic Scholar papers, BibTeX, and CSV/TSV with
a title and an abstract column.

Sources (an argument naming an existing file is read as the file):

	hf:daily             Hugging Face daily papers, latest day
	hf:daily:YYYY-MM-DD  Hugging Face daily papers of that day
	hf:trending          Hugging Face trending papers
	arxiv:QUERY          arXiv API search, e.g. arxiv:"cat:cs.CL AND abs:retrieval"
	arxiv:list:CATEGORY  the latest announced new papers and cross-lists of a
	                     category (cs.CV)
	arxiv:ID,ID          arXiv papers by id (2401.00001,2402.00002)
	openalex:FILTER      OpenAlex works, e.g. openalex:title.search:graph,publication_year:2025
	s2:QUERY             Semantic Scholar paper search
	s2:ID,ID             Semantic Scholar papers by paperId, ARXIV:, DOI:, CorpusId:

Keys and settings, from the environment (a key goes only to its API's
host and is never printed):

	S2_API_KEY               Semantic Scholar API key (without one, a shared
	                         and often busy pool answers; 401/403 name it)
	OPENALEX_API_KEY         OpenAlex API key (OpenAlex wants one since 2026);
	OPENALEX_MAILTO          and your e-mail address, sent as mailto
	HF_TOKEN                 Hugging Face token (optional)
	HF_ENDPOINT, PAPERGRAPH_ARXIV_URL, PAPERGRAPH_OPENALEX_URL, PAPERGRAPH_S2_URL
	                         base URLs, for mirrors

Flags for sources (build, extract and fetch):

	-limit N           papers per source (default 100), fetched page by page
	-enrich refs       also fetch what the batch's papers cite, by arXiv id or
	                   DOI, so cites edges and co-cited works appear; the
	                   papers not found are named on standard error
	-enrich-via API    s2 (Semantic Scholar, default) or openalex
	-cache DIR         response cache (default: papergraph/http under the user
	                   cache directory; "off" for none); answers are reused
	                   for 24 hours
	-offline           answer from the cache only
	-refresh           fetch again what the cache holds

Requests keep to each API's rate (arXiv: one every 3 seconds), are retried
with backoff on 429 and 5xx (honouring Retry-After), and stop at once on
Ctrl-C. A fetch error (no network, a refused key, a date without listing,
a query without results) is one line, exit status 1, and nothing is
written. papergraph fetch writes JSON Lines, one paper a line, as read
(neither merged nor extracted); build reads them back to the same graph,
offline.

Build flags:

	-o DIR             output directory (default papergraph-out)
	-formats LIST      comma-separated: dot,svg,png,graphml,gexf,json,cyjs,graphology,vosviewer,
	                   csv,html,report
	                   or all (default dot,svg,graphml; a graph too large to
	                   lay out, over 3000 nodes or 12000 edges, then gets no
	                   picture and no positions, with a note naming the
	                   filters below, and so does all; an svg or png asked
	                   for by name fails the run instead); html writes
	                   graph.html, an offline interactive viewer, laid out
	                   by communities when Graphviz cannot
	-engine NAME       layout engine: dot, neato, sfdp (default: chosen by size)
	-top-k N           keep each paper's N strongest "shares" links (default 10; 0 = default)
	-max-df N          leave artifacts named by more than N papers out of the
	                   paper–paper links (default: automatic, reported)
	-pair-budget N     with the automatic -max-df, lower the cap until the
	                   artifacts under it pair at most N (ordered) papers,
	                   bounding the projection's work (default 67108864;
	                   0: no budget)
	-exact             keep every paper–paper link (the full projection)
	-backbone ALPHA    of the shares links left by -top-k and -max-df (or
	                   -exact), keep only the disparity-filter backbone at
	                   level ALPHA in (0, 1), e.g. 0.05: a link stays when,
	                   for either paper, (1 - w/s)^(k-1) < ALPHA (k links of
	                   total weight s); removed.csv counts the links cut
	-min-cocite N      works outside the batch cited by N or more batch papers
	                   become nodes (default 2)
	-split-introduced  keep an artifact a paper introduces as a node of its
	                   own beside the paper (by default it is folded into
	                   the paper's node, listed in its introduces column,
	                   and papers naming it cite the paper)
	-view NAME         what the picture (SVG, PNG) draws: full (every node,
	                   coloured by kind), papers (papers linked to another
	                   paper or to one of the 12 artifacts most papers name,
	                   coloured by community, those artifacts as hubs) or
	                   artifacts (artifacts two or more papers name and
	                   their papers); default full up to 150 papers, papers
	                   beyond. The data files always hold the whole graph.
	-title TEXT        picture title (default: from the input's name)
	-png-width PX      PNG width in pixels (default: 2 pixels per point)
	-dpi N             PNG pixels per inch (default 144; at least 96, so
	                   the smallest text is 12 pixels high)
	-kinds LIST        keep only nodes of these kinds (paper,repo,url,dataset,
	                   benchmark,model)
	-focus ID[,ID]     keep only the nodes within -depth edges of these nodes
	                   (node IDs such as paper:2401.00001 or dataset:imagenet;
	                   an arXiv id alone names its paper)
	-depth N           radius of -focus (default 1)
	-min-degree N      keep only nodes with at least N edges
	-max-nodes N       keep the N most central nodes (by weighted degree)
	-drop-isolated     remove the nodes left without an edge
	                   (the filters apply in this order, to every output, and
	                   the summary says what each removed)
	-resolution R      community resolution: above 1 more and smaller
	                   communities, below 1 fewer and larger (default 1)
	-seed N            seed of community detection's node order and of
	                   sampled betweenness (default 0: node order); the same
	                   seed gives the same outputs
	-csv DIALECT       CSV headers: gephi (default) or neo4j (neo4j-admin import)
	-color BY          node colour in GraphML (r, g, b), GEXF (viz:color), CSV
	                   and JSON (color): kind (default) or community (the
	                   community's colour, the one the picture, the viewer
	                   and communities.csv use; kind for nodes in none).
	                   Every node in a community carries that colour in its
	                   community_color column either way
	-shares MODE       where shares edges (symmetric) are marked undirected:
	                   gephi (default: in graph.gexf, so Gephi draws them
	                   without arrowheads; graph.graphml stays all directed
	                   for networkx and igraph), undirected (in both; Gephi
	                   only) or directed (in neither: networkx's read_gexf
	                   reads no mixed graph). JSON and CSV always mark them.
	-undirected-shares the same as -shares undirected
	-shared            give every shares edge a shared column in GraphML, GEXF,
	                   CSV and JSON: the artifacts (and families) both papers
	                   name (at most 8, the rarest). Left out by default
	                   (a fifth of an exact projection's GraphML); graph.dot,
	                   the pictures and graph.html carry the lists always

path and neighbours build the graph of their inputs with build's defaults.
A and B (and ID) are node IDs (paper:ID, an arXiv id alone, or an artifact
such as dataset:imagenet). path prints the nodes of a shortest chain, edges
taken in either direction, each link with its evidence: the artifacts two
papers both name (shares), the rule, surface and offset of a mention, how a
citation was found, and under a mention or a shares link the sentence of
each paper's abstract that names the artifact (for the first two artifacts
a shares link lists); the chain whose nodes come first in ID order wins ties.
Two nodes no chain joins fail with a message saying so. -dot prints the
chain (path) or the ego graph (neighbours) as DOT; dot -Tsvg draws it.

diff compares two batches (each built with build's defaults) or two
graph.nodelink.json files build wrote (a file starting {"directed" is read
as one), or one of each. It prints the batch papers added and gone, the
artifacts whose paper count changed (largest change first), the edges
gained and lost, and the communities that merged (a new community sharing
two or more papers with each of two or more old ones) or split (the
reverse); "no change" when there is none. Flags:

	-o DIR             also write the union of both graphs into DIR, every
	                   node and edge with a status column: added, removed or
	                   kept (colour by it in Gephi: Appearance > Partition >
	                   status); a removed node is in no community
	-formats LIST      formats of that graph (default graphml,gexf,json,csv;
	                   no svg or png; DOT carries no status)
	-top N             how many entries each list prints (default 20)

Flags for build and extract (and fetch, but for -entities and -cpuprofile):

	-input-format NAME force an input format (see papergraph formats)
	-entities FILE     extra or overriding entity list (same format as the built-in list)
	-strict            fail on the first malformed record instead of skipping it
	-allow-empty       an input of which no paper could be read is not an error
	                   (by default the run fails, naming the first five reasons)
	-max-record BYTES  refuse records larger than this, also once expanded (BibTeX
	                   macros, OpenAlex abstracts), and the records of an input
	                   past this many bytes of such expansion in all
	                   (default 64 MiB)
	-max-input BYTES   stop reading an input past this many bytes once decompressed
	                   (default 0: no limit; a gzip bomb is stopped anyway)
	-quiet             no progress or summary on standard error
	-v                 verbose log on standard error
	-cpuprofile FILE   write a CPU profile (go tool pprof)

Flags for extract:

	-explain           add to each paper an "explain" list: every candidate a
	                   rule proposed in the abstract, taken or not, with its
	                   rule, cue and, when left out, why (stop list, inside a
	                   link, or the candidate that won its span): the first
	                   10,000 of an abstract, and the count of the rest in
	                   "explain_left_out"

	-format F          parquet or jsonl: write the mention tables papers,
	                   mentions, refs and names into -o DIR, in shards of
	                   -shard-papers papers (default 1048576), one record
	                   at a time: memory stays flat whatever the input.
	                   The shards are put in place together at the end, as
	                   build's outputs are, replacing every previous shard
	                   of the format.
	                   Records are not merged and papers' names are not
	                   looked up in each other's text; the projection does
	                   the rest (docs/projection.md, docs/sql)

Every entity extract prints says why it was taken: "rule" names the rule
(gazetteer, pattern:list, pattern:introduced, url:repaired, ...) and "cue" the
text that made it fire (the list alias, the head noun "dataset", the list's
trigger "on", "introduce … benchmark").

Outputs of build, in DIR: graph.dot, graph.svg, graph.png, graph.graphml,
graph.gexf, graph.nodelink.json (json: D3, networkx), graph.cyjs (cyjs:
Cytoscape.js), graph.graphology.json (graphology: sigma.js),
graph.vosviewer.json (vosviewer: VOSviewer Online's JSON), nodes.csv,
edges.csv, communities.csv and removed.csv (csv: what the paper–paper
links left out, by -max-df, the extraction's stop list, -top-k and -backbone, and
how many links each cut),
graph.html (html: the offline viewer), report.md (report: the artifacts
named most, the most central papers, the labelled communities, the
papers that promise code but link none, papers that name no artifact,
introduced artifacts other papers use). Every node format carries the columns degree, weighted_degree,
pagerank, betweenness, cited_by, community and community_label;
communities.csv names each community (id, label, size, papers, color,
top_papers, top_artifacts). They are written
atomically: a failed run leaves earlier outputs as they were and no partial
files; two runs into one DIR take turns. No output (nor the CPU profile) may
be one of the inputs, standard input included. For a given
input and papergraph version the outputs are byte-for-byte identical.

papergraph export reads the node and edge tables an engine's projection
wrote (docs/sql/duckdb/graph.sql; Parquet, JSON Lines or CSV by the file
name's ending), finds communities and centrality as build does and writes
the -formats build writes, with build's -o, -formats, -engine, -csv,
-shares, -shared, -view, -title, -png-width, -dpi, -resolution and -seed;
-description TEXT is what the outputs' metadata say made them. Given the
tables of build's batch, the outputs are build's, byte for byte (the
differences are listed in docs/projection.md).

export -stream writes graphml, gexf, csv, json and cyjs without loading
the tables: each file reads the nodes table and then the edges table
again, holding one row at a time and, per node, its ID, degree, strength
and cited-by count, so its memory does not grow with the number of edges.
It writes no communities, centrality or positions, which need the whole
graph in memory, and is otherwise byte for byte what export writes of the
same tables without them. The other formats need the whole graph (dot,
the pictures, graphology, vosviewer, html, report: -stream refuses them,
saying why); the tables must come sorted, nodes by id and edges by
source, target and relation, as docs/sql writes them.

Exit status: 0 on success, 1 on failure, 2 on bad usage (found before any
work), 130 when interrupted by Ctrl-C, 143 by SIGTERM and 129 by SIGHUP
(the run stops at once, writes or replaces nothing and removes its
temporary files; a second Ctrl-C kills it).
*/
package main
