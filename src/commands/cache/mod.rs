//! `peaka cache …`: one file per command; `follow` and `bulk` are what the
//! commands that wait and the cancels of many share.

mod bulk;
mod cancel;
mod follow;
mod history;
mod list;
mod refresh;
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
    }
}
