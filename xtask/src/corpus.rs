//! `corpus`: the pipeline on docs you do not control, with a report.

use std::path::Path;

pub fn run(_root: &Path, _dir: &Path, _json: Option<&Path>, _build: bool) -> anyhow::Result<()> {
    anyhow::bail!("not yet")
}
