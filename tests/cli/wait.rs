//! `--wait` against mock answers.
