"""One module per document: each turns its data into a story of flowables."""
