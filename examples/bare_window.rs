//! The floor for start-up time and memory: an empty eframe window with the same renderer and
//! options as Curtain Call, printing `first frame: N ms` and, once that frame has been painted,
//! its resident memory, then exiting, like `curtaincall --profile-startup`.

// A benchmark or a developer tool, not the app: a failure here may simply panic.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use eframe::egui;

fn main() -> eframe::Result {
    let started = std::time::Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare window")
            .with_inner_size([1180.0, 760.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "bare window",
        options,
        Box::new(move |_cc| Ok(Box::new(Bare { started, frames: 0 }))),
    )
}

struct Bare {
    started: std::time::Instant,
    frames: u64,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| ui.label("bare"));
        self.frames += 1;
        if self.frames == 1 {
            println!(
                "first frame: {:.1} ms",
                curtaincall::diagnostics::millis_since(self.started)
            );
            // Memory once a frame has been painted: the renderer compiles its shaders when it
            // first draws, after this call returns (about 14 MB on Mesa's llvmpipe), and
            // `curtaincall --profile-startup` reports memory after its frames were painted too.
            ui.ctx().request_repaint();
        } else if self.frames == 2 {
            if let Some(line) = curtaincall::diagnostics::resident_memory_line() {
                println!("{line}");
            }
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}
