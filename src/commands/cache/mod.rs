//! `peaka cache …`: one file per command (the two cancels share a folder:
//! the command, one cache, many caches); `follow` is what the commands that
//! wait share.

mod cancel;
mod create;
mod delete;
mod follow;
mod history;
mod list;
mod refresh;
mod schedule;
mod status;
mod wait;

super::group! {
    Commands {
        List(list::Args),
        Status(status::Args),
        History(history::Args),
        Refresh(refresh::Args),
        Wait(wait::Args),
        CancelFullRefresh(cancel::FullRefresh),
        CancelIncremental(cancel::Incremental),
        Create(create::Args),
        Delete(delete::Args),
        #[command(subcommand)] Schedule(schedule::Commands),
    }
}
