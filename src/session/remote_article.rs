//! `curtaincall read-article … --apply` while the app has the file open: the command line
//! sends the article's text; the app reads it against the watchlist as it has it (on a job),
//! applies what it says as one undoable step, and answers with what the command prints.

use super::{Event, Message, Phase, Refusal, Session};
use crate::article::{self, Applying, Reading};
use crate::instance::{ArticleRequest, Incoming};
use crate::tasks::TaskId;

/// An article from the command line being read.
pub(super) struct ReadingForRemote {
    task: TaskId,
    request: ArticleRequest,
    incoming: Incoming,
}

impl Session {
    /// Reads the command line's article on a job.
    pub(super) fn article_for_remote(&mut self, request: ArticleRequest, mut incoming: Incoming) {
        if let Some(why) = self.cannot_edit() {
            return incoming.answer(Err(why));
        }
        let Some(file) = self.open_file() else {
            return incoming.answer(Err(self.not_changed("it is not open")));
        };
        let Ok(text) = String::from_utf8(std::mem::take(&mut incoming.attachment)) else {
            return incoming.answer(Err(self.not_changed("the article sent is not text")));
        };
        // The shows are shared: the job's copy is a list of pointers.
        let watchlist = file.watchlist().clone();
        let published = request.published.or(Some(self.env.clock.today()));
        let index = self.article_index.clone();
        let task = self.env.tasks.spawn("article", move |_| {
            let index = index.get(&watchlist);
            Event::RemoteArticleRead(Box::new(article::read_with(
                &text, &watchlist, &index, published,
            )))
        });
        self.remote_articles.push(ReadingForRemote {
            task: task.id(),
            request,
            incoming,
        });
    }

    /// An article from the command line was read: what it says is applied as one step. False
    /// when the task was not one of these.
    pub(super) fn on_remote_article_read(&mut self, task: TaskId, mut reading: Reading) -> bool {
        let Some(at) = self.remote_articles.iter().position(|p| p.task == task) else {
            return false;
        };
        let ReadingForRemote {
            request, incoming, ..
        } = self.remote_articles.remove(at);
        if let Some(why) = self.cannot_edit() {
            incoming.answer(Err(why));
            return true;
        }
        if let Some(name) = &request.show {
            let kept = match self.open_file() {
                Some(file) => article::only_show(&mut reading, file.watchlist(), name),
                None => Err("it is not open".to_owned()),
            };
            if let Err(why) = kept {
                incoming.answer(Err(self.not_changed(&why)));
                return true;
            }
        }
        let path = self.file.path.clone();
        let today = self.env.clock.today();
        let Phase::Open(file) = &mut self.phase else {
            incoming.answer(Err(self.not_changed("it is not open")));
            return true;
        };
        let applying = Applying {
            source: crate::model::Source::Url(request.source.clone()),
            published: request.published,
            today,
        };
        let all: Vec<Vec<bool>> = reading
            .shows
            .iter()
            .map(|show| vec![true; show.facts.len()])
            .collect();
        let actions = article::actions_for_reading(&reading, &all, file.watchlist(), &applying);
        let label = "apply an article (from the command line)".to_owned();
        let before = file.watchlist().clone();
        match file.apply_as_one(actions, label.clone()) {
            Ok(applied) => {
                let changed = applied.changed > 0;
                self.message = Some(if changed {
                    Message::Did(super::capitalize(&label))
                } else {
                    Message::Info("From the command line: the article says nothing new".to_owned())
                });
                incoming.answer(Ok(article::report(
                    &reading,
                    &before,
                    changed,
                    request.json,
                    &path,
                )));
            }
            Err(Refusal::ReadOnly) => {
                incoming.answer(Err(self.not_changed("this window is read-only")));
            }
            Err(Refusal::Action(error)) => {
                incoming.answer(Err(self.not_changed(&error.to_string())));
            }
        }
        true
    }

    /// A reading job ended without a reading: its command line is told.
    pub(super) fn on_remote_article_lost(
        &mut self,
        task: TaskId,
        lost: &crate::tasks::Lost,
    ) -> bool {
        let Some(at) = self.remote_articles.iter().position(|p| p.task == task) else {
            return false;
        };
        self.remote_articles
            .remove(at)
            .incoming
            .answer(Err(lost.to_string()));
        true
    }
}
