"""The review desk in the browser (`intake serve`): each reviewer works through their own
assignments, with the evidence highlighted beside each suggestion, and the 组长 follows the panel,
resolves disagreements and downloads the 汇总表. A room above ask and review, below the CLI: it
decides nothing itself, every action goes through the same functions as the terminal review."""
