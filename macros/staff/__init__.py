"""What staff and reviewers run: the `lofte` command, the citizen diff of a pull request, the
JSON schemas for editors and the generator of test data sets."""
