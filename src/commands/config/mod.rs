//! `peaka config …`.

mod path;
pub mod show;

super::group! {
    #[command(arg_required_else_help = true)]
    Commands {
        Show(show::Args),
        Path(path::Args),
    }
}
